package com.example.analytics.support.progress;

/**
 * A source task will send nothing more for event times up to {@code completeThrough} (inclusive), in the unit of
 * event time its {@link ProgressReporter} was given (trend: seconds, sales: milliseconds); sent to every partition
 * of a repartition topic ({@link EveryPartition}). {@link SourceFrontier#NONE} when the task has not seen a record
 * yet; {@code idle} when it has had no record for the idle timeout and its partition is consumed to its end.
 *
 * <p>Written as JSON {@code {"source", "complete_through", "idle"}} in repartition topics and changelogged stores:
 * renaming a component changes what stored state and in-flight records can be read.
 */
public record SourceProgress(String source, long completeThrough, boolean idle) {
}
