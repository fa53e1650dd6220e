package com.example.analytics.support.streams;

import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes a DLQ record outside the stream's transaction. Only the exception handlers use it, for failures the
 * validation step cannot see (a key that is not UTF-8, a bug in a processor); it blocks until the broker has the
 * record, so a failure to dead-letter fails the task instead of losing the record.
 */
public interface DeadLetterPublisher extends AutoCloseable {

    /** The config key under which Kafka Streams hands the publisher instance to the exception handlers. */
    String CONFIG = "analytics.dead-letter.publisher";

    void publish(ProducerRecord<byte[], byte[]> record, String sourceTopic, String reason) throws Exception;

    @Override
    void close();
}
