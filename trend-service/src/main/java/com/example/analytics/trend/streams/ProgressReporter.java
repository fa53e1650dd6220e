package com.example.analytics.trend.streams;

import com.example.analytics.support.window.SecondCounts;
import com.example.analytics.support.streams.InputProgress;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Tells the trend counter, after each flush of a source task, up to which second the task is done. While records
 * flow, a record up to the grace period older than the task's stream time is still accepted, so only seconds
 * before that are done; once no record has arrived for the idle timeout, the task is done up to its stream time,
 * so the last seconds of a burst are evaluated without waiting for the next one, and it says it is idle, so the
 * counter need not wait for it while others move on.
 *
 * <p>No record for a while does not prove a partition quiet: while a backlog is caught up, a task can wait seconds
 * for its turn at the consumer while others race minutes of event time ahead. So idle also needs the partition
 * consumed to its end ({@link InputProgress}).
 */
final class ProgressReporter {

    private final String topic;
    private final long graceMillis;
    private final long idleTimeoutMs;
    private final InputProgress inputProgress;
    private long lastStreamTime = Long.MIN_VALUE;
    private long lastMovedAtMs;
    private SourceProgress last;

    ProgressReporter(String topic, Duration grace, Duration idleTimeout, InputProgress inputProgress) {
        this.topic = topic;
        this.graceMillis = grace.toMillis();
        this.idleTimeoutMs = idleTimeout.toMillis();
        this.inputProgress = inputProgress;
    }

    void report(ProcessorContext<String, TrendUpdate> context, long nowMs) {
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
            completeThrough = SecondCounts.secondOf(streamTime);
        } else {
            completeThrough = SecondCounts.secondOf(streamTime - graceMillis) - 1;
        }
        // The first report introduces the source to the counter, even before it has seen a record.
        if (last == null || completeThrough > last.completeThrough() || idle != last.idle()) {
            String source = context.taskId().toString();
            // Waking up never takes back what was already declared done.
            long done = last == null ? completeThrough : Math.max(completeThrough, last.completeThrough());
            last = new SourceProgress(source, done, idle);
            context.forward(new Record<>(source, last, Math.max(0, last.completeThrough()) * 1000));
        }
    }
}
