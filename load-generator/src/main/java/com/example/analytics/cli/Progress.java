package com.example.analytics.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Progress of long work on standard error: a bar with rate and ETA redrawn in place on a terminal, a plain line every
 * ten seconds otherwise (a log file or a container's output would fill with redraws). Without a total (endless work)
 * it shows the count and the rate.
 *
 * <pre>{@code
 * try (Progress progress = Progress.start("records", total)) {
 *     while (...) {
 *         produce();
 *         progress.advance();          // from the producing thread; cheap enough for every record
 *     }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private static final Duration TERMINAL_REDRAW = Duration.ofMillis(200);
    private static final Duration LINE_INTERVAL = Duration.ofSeconds(10);
    /** Seconds over which the shown rate follows a change of pace: steady, yet quick to show a stall. */
    private static final double RATE_SMOOTHING_SECONDS = 5;
    private static final int BAR_WIDTH = 30;

    private final String label;
    private final long total;
    private final PrintStream out;
    private final boolean terminal;
    private final LongSupplier nanoClock;
    private final AtomicLong done = new AtomicLong();
    private final ScheduledExecutorService ticker;

    // Drawing state: only touched in draw(), which is synchronized.
    private long lastDrawnAt;
    private long lastDrawnDone;
    private double rate = Double.NaN;
    private int lastWidth;
    private boolean closed;

    Progress(String label, long total, PrintStream out, boolean terminal, LongSupplier nanoClock, boolean ticking) {
        if (total < 0) {
            throw new IllegalArgumentException("total must be 0 (unknown) or more, got " + total);
        }
        this.label = label;
        this.total = total;
        this.out = out;
        this.terminal = terminal;
        this.nanoClock = nanoClock;
        this.lastDrawnAt = nanoClock.getAsLong();
        if (ticking) {
            Duration every = terminal ? TERMINAL_REDRAW : LINE_INTERVAL;
            ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "progress-" + label);
                thread.setDaemon(true);
                return thread;
            });
            ticker.scheduleAtFixedRate(this::draw, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /**
     * Shows progress on standard error until closed.
     *
     * @param total how many units the work has; 0 when it is endless or unknown
     */
    public static Progress start(String label, long total) {
        // System.console() is null when standard input or output is not a terminal (redirected, piped, a container).
        return new Progress(label, total, System.err, System.console() != null, System::nanoTime, true);
    }

    /** Counts without showing anything, for runs whose standard streams carry the output itself. */
    public static Progress silent(String label, long total) {
        return new Progress(label, total, new PrintStream(OutputStream.nullOutputStream()), false, System::nanoTime,
                false);
    }

    public void advance() {
        done.incrementAndGet();
    }

    public void advance(long units) {
        done.addAndGet(units);
    }

    /** Sets the count, for work whose progress is read from elsewhere (committed offsets, a remaining lag). */
    public void update(long units) {
        done.set(units);
    }

    public long done() {
        return done.get();
    }

    /** {@code records}, counting each element as it is taken. */
    public <T> Iterator<T> counting(Iterator<T> records) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return records.hasNext();
            }

            @Override
            public T next() {
                T next = records.next();
                advance();
                return next;
            }
        };
    }

    /** Stops redrawing and shows the final count. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        draw();
        synchronized (this) {
            if (terminal && !closed) {
                out.println();
            }
            closed = true;
        }
        out.flush();
    }

    synchronized void draw() {
        if (closed) {
            return;
        }
        long now = nanoClock.getAsLong();
        long count = done.get();
        double seconds = (now - lastDrawnAt) / 1e9;
        if (seconds > 0) {
            double recent = (count - lastDrawnDone) / seconds;
            rate = Double.isNaN(rate) ? recent
                    : rate + (1 - Math.exp(-seconds / RATE_SMOOTHING_SECONDS)) * (recent - rate);
            lastDrawnAt = now;
            lastDrawnDone = count;
        }
        if (terminal) {
            String text = bar(count);
            // Blanks over whatever a longer previous text left behind.
            out.print("\r" + text + " ".repeat(Math.max(0, lastWidth - text.length())));
            lastWidth = text.length();
        } else {
            out.println(line(count));
        }
        out.flush();
    }

    String bar(long count) {
        if (total == 0) {
            return label + " " + count(count) + "  " + rate();
        }
        double share = Math.min(1, (double) count / total);
        // Rounded down: a full bar means done.
        int filled = (int) (share * BAR_WIDTH);
        String bar = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return String.format(Locale.ROOT, "%s [%s] %3.0f%%  %s/%s  %s  ETA %s", label, bar, share * 100, count(count),
                count(total), rate(), eta(count));
    }

    String line(long count) {
        if (total == 0) {
            return label + ": " + count(count) + ", " + rate();
        }
        return String.format(Locale.ROOT, "%s: %s of %s (%.0f%%), %s, ETA %s", label, count(count), count(total),
                Math.min(100, 100.0 * count / total), rate(), eta(count));
    }

    private String rate() {
        return Double.isNaN(rate) ? "-/s" : String.format(Locale.ROOT, "%,.0f/s", rate);
    }

    private String eta(long count) {
        if (count >= total) {
            return "0:00";
        }
        if (!(rate > 0)) {
            return "-";
        }
        long seconds = (long) Math.ceil((total - count) / rate);
        long hours = seconds / 3600;
        return hours > 0
                ? String.format(Locale.ROOT, "%d:%02d:%02d", hours, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
