package com.example.analytics.trend.streams;

/**
 * A source task will send no more partial counts for seconds up to {@code completeThrough} (inclusive); sent to
 * every partition of the re-key topic. {@link SourceFrontier#NONE} when the task has not seen a record yet;
 * {@code idle} when it has had no record for the idle timeout.
 */
record SourceProgress(String source, long completeThrough, boolean idle) implements TrendUpdate {
}
