package com.example.analytics.product.streams;

import com.example.analytics.support.window.SecondCounts;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * A product as its task keeps it on the heap between commits: the stored {@link ProductStats}, its views per second
 * over the trailing window (what {@link ViewSeconds} stores one entry per second of), the seconds changed since
 * they were last written, and the bound the product should be filed under in the top-N index.
 */
final class ProductState {

    final ProductStats stats;
    final SecondCounts seconds;
    /** Seconds whose count changed since the last write, in no particular order. */
    private long[] changed = new long[4];
    private int changedCount;
    /** The most views any window from now on can hold; filed in the rank index when its bucket changes. */
    long bound;

    ProductState(ProductStats stats, SecondCounts seconds) {
        this.stats = stats;
        this.seconds = seconds;
        this.bound = stats.windowViews;
    }

    static ProductState newProduct() {
        return new ProductState(new ProductStats(), new SecondCounts());
    }

    void viewed(long second) {
        seconds.add(second, 1);
        if (changedCount == 0 || changed[changedCount - 1] != second) {
            if (changedCount == changed.length) {
                changed = Arrays.copyOf(changed, changedCount * 2);
            }
            changed[changedCount++] = second;
        }
    }

    /** Hands each changed second, once and in order, to {@code write} and forgets them. */
    void drainChangedSeconds(LongConsumer write) {
        Arrays.sort(changed, 0, changedCount);
        for (int i = 0; i < changedCount; i++) {
            if (i == 0 || changed[i] != changed[i - 1]) {
                write.accept(changed[i]);
            }
        }
        changedCount = 0;
    }
}
