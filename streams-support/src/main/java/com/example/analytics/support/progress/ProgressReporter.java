package com.example.analytics.support.progress;

import com.example.analytics.support.streams.InputProgress;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Tells what is downstream of a repartition topic, on each wall-clock report of a source task, up to which point
 * in event time the task is done. While records flow, a record up to the grace period older than the task's stream
 * time is still accepted, so only points before that are done; once no record has arrived for the idle timeout,
 * the task is done up to its stream time, so the last records of a burst are judged without waiting for the next
 * one, and it says it is idle, so downstream need not wait for it while others move on.
 *
 * <p>No record for a while does not prove a partition quiet: while a backlog is caught up, a task can wait seconds
 * for its turn at the consumer while others race minutes of event time ahead. So idle also needs the partition
 * consumed to its end ({@link InputProgress}).
 *
 * <p>Progress is counted in whole units of event time ({@code unit}): a unit is done only when all of it is.
 *
 * <p>{@link #movingOnWhileIdle()} lets an idle task's progress follow the wall clock, for consumers that must judge
 * the last records of a burst even when no newer record will ever come (the last sales window before traffic
 * stops): while idle, the task is done as if its stream time had moved on with the wall clock since its last
 * record, less the grace. A producer's event time that lags its own clock by more than the grace can then make
 * a record late, as with Kafka Streams' wall-clock punctuation; a partition that is still being caught up is never
 * idle.
 */
public final class ProgressReporter {

    private final String topic;
    private final long graceMillis;
    private final long idleTimeoutMs;
    private final long unitMillis;
    private final InputProgress inputProgress;
    private final boolean movingOnWhileIdle;
    private long lastStreamTime = Long.MIN_VALUE;
    private long lastMovedAtMs;
    private SourceProgress last;

    /**
     * @param topic the input topic of the source task, whose partition is the task's partition
     * @param grace how far behind its stream time a record is still accepted by the source task
     * @param unit  the resolution of {@link SourceProgress#completeThrough()}, e.g. 1s or 1ms
     */
    public ProgressReporter(String topic, Duration grace, Duration idleTimeout, InputProgress inputProgress,
                            Duration unit) {
        this(topic, grace.toMillis(), idleTimeout.toMillis(), unit.toMillis(), inputProgress, false);
    }

    private ProgressReporter(String topic, long graceMillis, long idleTimeoutMs, long unitMillis,
                             InputProgress inputProgress, boolean movingOnWhileIdle) {
        if (unitMillis < 1) {
            throw new IllegalArgumentException("unit must be at least 1ms");
        }
        this.topic = topic;
        this.graceMillis = graceMillis;
        this.idleTimeoutMs = idleTimeoutMs;
        this.unitMillis = unitMillis;
        this.inputProgress = inputProgress;
        this.movingOnWhileIdle = movingOnWhileIdle;
    }

    /** A reporter like this one whose progress, while idle, follows the wall clock (see the class comment). */
    public ProgressReporter movingOnWhileIdle() {
        return new ProgressReporter(topic, graceMillis, idleTimeoutMs, unitMillis, inputProgress, true);
    }

    /**
     * The progress to send to every partition downstream (keyed and timestamped for that), or empty when nothing
     * changed since the last report.
     */
    public Optional<Record<String, SourceProgress>> report(ProcessorContext<?, ?> context, long nowMs) {
        long streamTime = context.currentStreamTimeMs();
        if (streamTime != lastStreamTime) {
            lastStreamTime = streamTime;
            lastMovedAtMs = nowMs;
        }
        boolean idle = nowMs - lastMovedAtMs >= idleTimeoutMs
                && inputProgress.consumedToEnd(new TopicPartition(topic, context.taskId().partition()));
        long completeThrough;
        if (streamTime < 0) {
            completeThrough = SourceFrontier.NONE;
        } else if (idle) {
            completeThrough = Math.floorDiv(streamTime, unitMillis);
            if (movingOnWhileIdle) {
                long quietMs = nowMs - lastMovedAtMs;
                completeThrough = Math.max(completeThrough,
                        Math.floorDiv(streamTime + quietMs - graceMillis, unitMillis) - 1);
            }
        } else {
            completeThrough = Math.floorDiv(streamTime - graceMillis, unitMillis) - 1;
        }
        // The first report introduces the source downstream, even before it has seen a record.
        if (last != null && completeThrough <= last.completeThrough() && idle == last.idle()) {
            return Optional.empty();
        }
        String source = context.taskId().toString();
        // Waking up never takes back what was already declared done.
        long done = last == null ? completeThrough : Math.max(completeThrough, last.completeThrough());
        last = new SourceProgress(source, done, idle);
        // Event time the task has seen: progress that follows the wall clock must not move stream time downstream.
        long timestamp = done == SourceFrontier.NONE ? 0 : Math.max(0, Math.min(done * unitMillis, streamTime));
        return Optional.of(new Record<>(source, last, timestamp));
    }
}
