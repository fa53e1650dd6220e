package com.example.analytics.support.streams;

import org.apache.kafka.common.TopicPartition;

/**
 * Whether this application has consumed an input partition to its end. Tells a quiet partition from one whose
 * records have not reached its task yet, which "no record for a while" cannot: while a backlog is caught up, a task
 * can wait seconds for its turn at the consumer while other tasks race minutes of event time ahead.
 */
@FunctionalInterface
public interface InputProgress {

    /** False while not known. */
    boolean consumedToEnd(TopicPartition partition);

    /** For {@code TopologyTestDriver}, which processes every piped record at once. */
    static InputProgress allConsumed() {
        return partition -> true;
    }
}
