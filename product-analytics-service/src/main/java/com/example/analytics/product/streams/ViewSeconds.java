package com.example.analytics.product.streams;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Views of each product per event-time second, in a window store ({@link ProductTopology#VIEW_SECONDS_STORE}), read
 * together with the product's newest second and the views of the window ending there, which {@link ProductStats}
 * keeps. The views of any trailing window are then the kept sum plus the seconds that entered minus those that
 * left: one or two point reads per event instead of rewriting an hour of per-second counts with every view.
 *
 * <p>Old seconds leave with the store's segments, so nothing is deleted per second. Retention covers the window,
 * the grace and {@link #MAX_SHIFT_SECONDS}: no read reaches further back.
 */
public final class ViewSeconds {

    /** Beyond this distance from the newest second the whole window is summed instead of the seconds that moved. */
    static final long MAX_SHIFT_SECONDS = 60;
    /** Up to this many seconds, point reads cost less than opening an iterator over the store's segments. */
    private static final int POINT_READS = 4;

    private final ReadOnlyWindowStore<String, Long> store;

    public ViewSeconds(ReadOnlyWindowStore<String, Long> store) {
        this.store = store;
    }

    /** How long the store keeps a second: every read stays within this much of the store's newest second. */
    static Duration retention(int windowSeconds, Duration grace) {
        return Duration.ofSeconds(windowSeconds + 2 * MAX_SHIFT_SECONDS).plus(grace);
    }

    /** Views of {@code productId} in the {@code windowSeconds}-second window ending at {@code second}. */
    public long inWindowEndingAt(String productId, ProductStats stats, long second, int windowSeconds) {
        if (stats.totalViews == 0) {
            // Nothing kept yet; during a product's first view the store holds just that view.
            return sum(productId, second - windowSeconds + 1, second);
        }
        long newest = stats.newestViewSecond;
        long atNewest = stats.windowViews;
        if (second == newest) {
            return atNewest;
        }
        if (Math.abs(second - newest) > Math.min(MAX_SHIFT_SECONDS, windowSeconds)) {
            return sum(productId, second - windowSeconds + 1, second);
        }
        if (second > newest) {
            // Nothing was viewed after the newest second but, in the processor, the one being counted now.
            return atNewest + at(productId, second)
                    - sum(productId, newest - windowSeconds + 1, second - windowSeconds);
        }
        return atNewest - sum(productId, second + 1, newest)
                + sum(productId, second - windowSeconds + 1, newest - windowSeconds);
    }

    long at(String productId, long second) {
        Long views = store.fetch(productId, second * 1000);
        return views == null ? 0 : views;
    }

    /** Views in the seconds {@code from} to {@code to}, both included. */
    private long sum(String productId, long from, long to) {
        if (to < from) {
            return 0;
        }
        long total = 0;
        if (to - from < POINT_READS) {
            for (long second = from; second <= to; second++) {
                total += at(productId, second);
            }
            return total;
        }
        try (WindowStoreIterator<Long> seconds = store.fetch(productId, Instant.ofEpochMilli(from * 1000),
                Instant.ofEpochMilli(to * 1000))) {
            while (seconds.hasNext()) {
                total += seconds.next().value;
            }
        }
        return total;
    }
}
