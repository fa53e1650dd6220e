package com.example.analytics.benchmarks;

import static org.awaitility.Awaitility.await;

import com.example.analytics.cli.Progress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * One application catching up from offset 0, timed by its committed offsets: when it first committed (the end of
 * its start-up), how far it has got, and when it reached the end offsets it was given. The candidates in the
 * benchmark's JVM and the service processes are timed alike.
 */
final class CatchUpWatch {

    private final Admin admin;
    private final String group;
    private final Map<TopicPartition, Long> ends;
    private final long records;
    private final long startNanos;
    private long firstCommitNanos;
    private long recordsAtFirstCommit;
    private long committedRecords;
    private long caughtUpNanos;

    /**
     * @param group the application id, which is its consumer group
     * @param ends  end offsets of the input partitions it must read, all from offset 0
     */
    CatchUpWatch(Admin admin, String group, Map<TopicPartition, Long> ends, long startNanos) {
        this.admin = admin;
        this.group = group;
        this.ends = Map.copyOf(ends);
        this.records = ends.values().stream().mapToLong(Long::longValue).sum();
        this.startNanos = startNanos;
    }

    /** Reads the committed offsets once, unless it caught up already; true once they reached the end. */
    boolean poll() {
        if (caughtUp()) {
            return true;
        }
        GroupProgress progress = GroupProgress.of(admin, group, ends);
        long now = System.nanoTime();
        committedRecords = progress.committedRecords();
        if (!started() && committedRecords > 0) {
            firstCommitNanos = now;
            recordsAtFirstCommit = committedRecords;
        }
        if (progress.caughtUp()) {
            caughtUpNanos = now;
        }
        return progress.caughtUp();
    }

    boolean started() {
        return firstCommitNanos != 0;
    }

    boolean caughtUp() {
        return caughtUpNanos != 0;
    }

    long records() {
        return records;
    }

    long recordsAfterStartup() {
        return records - recordsAtFirstCommit;
    }

    double startupSeconds() {
        return (firstCommitNanos - startNanos) / 1e9;
    }

    double seconds() {
        return (caughtUpNanos - startNanos) / 1e9;
    }

    double steadyRate() {
        return steadyRate(recordsAfterStartup(), caughtUpNanos - firstCommitNanos, records, caughtUpNanos - startNanos);
    }

    private double progress() {
        return records == 0 ? 1 : committedRecords / (double) records;
    }

    /**
     * Polls all {@code watches} in one loop until every one has caught up, so each one's first commit and end are
     * seen when they happen rather than after the one before it caught up; {@code afterEachPoll} runs after each
     * round. Shows on standard error how many of the records they must commit they have committed. Returns how far
     * the slowest had got when all had first committed.
     */
    static double awaitAll(List<CatchUpWatch> watches, Duration pollInterval, Runnable afterEachPoll) {
        double[] progressWhenAllStarted = {-1};
        long toCommit = watches.stream().mapToLong(CatchUpWatch::records).sum();
        try (Progress progress = Progress.start("catch-up", toCommit)) {
            await().atMost(Duration.ofMinutes(30)).pollInterval(pollInterval).until(() -> {
                boolean all = true;
                for (CatchUpWatch watch : watches) {
                    all &= watch.poll();
                }
                progress.update(watches.stream().mapToLong(watch -> watch.committedRecords).sum());
                afterEachPoll.run();
                if (progressWhenAllStarted[0] < 0 && watches.stream().allMatch(CatchUpWatch::started)) {
                    progressWhenAllStarted[0] = watches.stream().mapToDouble(CatchUpWatch::progress).min()
                            .orElseThrow();
                }
                return all;
            });
        }
        return progressWhenAllStarted[0];
    }

    /** From the first of {@code together} starting to the last catching up. */
    static double seconds(List<CatchUpWatch> together) {
        long start = together.stream().mapToLong(watch -> watch.startNanos).min().orElseThrow();
        long end = together.stream().mapToLong(watch -> watch.caughtUpNanos).max().orElseThrow();
        return (end - start) / 1e9;
    }

    /**
     * The rate of applications that caught up together on {@code records} input records: its steady part starts when
     * the last of them first committed, with what the slowest had left then.
     */
    static double steadyRate(List<CatchUpWatch> together, long records, double progressWhenAllStarted) {
        long start = together.stream().mapToLong(watch -> watch.startNanos).min().orElseThrow();
        long allStarted = together.stream().mapToLong(watch -> watch.firstCommitNanos).max().orElseThrow();
        long end = together.stream().mapToLong(watch -> watch.caughtUpNanos).max().orElseThrow();
        return steadyRate(Math.round(records * (1 - progressWhenAllStarted)), end - allStarted, records, end - start);
    }

    /**
     * Records per second after start-up; the whole run's rate when the steady part is too short to time (a small
     * input done in one commit).
     */
    static double steadyRate(long steadyRecords, long steadyNanos, long records, long wholeNanos) {
        return steadyRecords > 0 && steadyNanos >= 50_000_000L ? steadyRecords / (steadyNanos / 1e9)
                : records / (wholeNanos / 1e9);
    }
}
