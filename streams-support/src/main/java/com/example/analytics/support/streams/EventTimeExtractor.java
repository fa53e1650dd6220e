package com.example.analytics.support.streams;

import com.example.analytics.model.validation.Parsed;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time is the value's {@code timestamp}, never the producer's or the broker's clock. A bad value has no event
 * time; it gets the partition's current time so it neither moves stream time nor is dropped by Kafka Streams as
 * negative-timestamped: it must reach the validation step and the DLQ.
 */
public final class EventTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        if (record.value() instanceof Parsed.Valid<?> valid) {
            return valid.event().timestampMillis();
        }
        return Math.max(partitionTime, 0L);
    }
}
