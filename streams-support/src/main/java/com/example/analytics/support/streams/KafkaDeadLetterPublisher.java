package com.example.analytics.support.streams;

import com.example.analytics.support.metrics.ProcessingMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** An idempotent producer, created on first use because most services never need it. */
public final class KafkaDeadLetterPublisher implements DeadLetterPublisher {

    private final Map<String, Object> producerConfig;
    private final ProcessingMetrics metrics;
    private final Duration timeout;
    private Producer<byte[], byte[]> producer;

    public KafkaDeadLetterPublisher(Map<String, Object> clientConfig, int maxRequestBytes, ProcessingMetrics metrics,
                                    Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producerConfig = config;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    @Override
    public void publish(ProducerRecord<byte[], byte[]> record, String sourceTopic, String reason) throws Exception {
        producer().send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        metrics.deadLettered(sourceTopic, reason);
    }

    private synchronized Producer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(timeout);
            producer = null;
        }
    }
}
