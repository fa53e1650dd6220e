package com.example.analytics.trend.streams;

/**
 * Events of one trend key in one second, as versions before {@link PartialCounts} sent them: still read, so that
 * records in flight in the re-key topics during an upgrade are counted.
 */
record PartialCount(String trendKey, long second, long count) implements TrendUpdate {
}
