package com.example.analytics.benchmarks;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far an application (a consumer group) has committed on the input partitions it must read: the records behind
 * its committed offsets, and whether it has reached the end offsets it was given.
 */
record GroupProgress(long committedRecords, boolean caughtUp) {

    static GroupProgress of(Admin admin, String group, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the committed offsets of " + group, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        long records = 0;
        boolean caughtUp = true;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long position = offset == null ? 0 : Math.min(offset.offset(), end.getValue());
            records += position;
            caughtUp &= position >= end.getValue();
        }
        return new GroupProgress(records, caughtUp);
    }
}
