package com.example.analytics.trend.streams;

import com.example.analytics.support.window.SecondCounts;
import java.util.Arrays;

/**
 * Events of one trend key per event-time second, as one source task counted them since its last flush: one record
 * per key and flush however many seconds it spans, so a replay of sparse traffic (an event or two per second) costs
 * no more re-keyed records and counter updates than dense traffic does. {@code seconds} ascend.
 */
record PartialCounts(String trendKey, long[] seconds, int[] counts) implements TrendUpdate {

    PartialCounts {
        if (seconds.length != counts.length) {
            throw new IllegalArgumentException("a count for every second");
        }
    }

    static PartialCounts of(String trendKey, SecondCounts counts) {
        long[] seconds = new long[counts.entries()];
        int[] perSecond = new int[counts.entries()];
        int[] next = {0};
        counts.forEach((second, count) -> {
            seconds[next[0]] = second;
            perSecond[next[0]++] = count;
        });
        return new PartialCounts(trendKey, seconds, perSecond);
    }

    SecondCounts toSecondCounts() {
        SecondCounts result = new SecondCounts();
        for (int i = 0; i < seconds.length; i++) {
            result.add(seconds[i], counts[i]);
        }
        return result;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PartialCounts that && trendKey.equals(that.trendKey)
                && Arrays.equals(seconds, that.seconds) && Arrays.equals(counts, that.counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * trendKey.hashCode() + Arrays.hashCode(seconds)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "PartialCounts[" + trendKey + ": " + toSecondCounts() + "]";
    }
}
