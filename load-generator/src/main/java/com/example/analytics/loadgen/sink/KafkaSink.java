package com.example.analytics.loadgen.sink;

import com.example.analytics.loadgen.GeneratedRecord;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends generated records to Kafka as producers in front of the platform would: idempotent, acks from all
 * replicas, keyed by the event's id (so the default partitioner puts a user's events in one partition).
 */
public final class KafkaSink implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    /**
     * @param clientConfig bootstrap servers and any security settings; serializers and delivery settings are set here
     */
    public KafkaSink(Map<String, Object> clientConfig) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        config.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
    }

    public static KafkaSink to(String bootstrapServers) {
        return new KafkaSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Sends every record, paced by {@code pacer}, then flushes.
     *
     * @param progress called with the number of records sent so far, every 10,000 records
     * @return the number of records sent
     */
    public long send(Iterator<GeneratedRecord> records, Pacer pacer, LongConsumer progress)
            throws InterruptedException {
        long sent = 0;
        while (records.hasNext()) {
            GeneratedRecord record = records.next();
            pacer.await(record.eventTimeMillis());
            send(record);
            if (++sent % 10_000 == 0) {
                progress.accept(sent);
            }
        }
        flush();
        return sent;
    }

    public void send(GeneratedRecord record) {
        Exception earlier = failure.get();
        if (earlier != null) {
            throw new IllegalStateException("an earlier send failed: " + earlier.getMessage(), earlier);
        }
        producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()), (metadata, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
        });
    }

    /** Waits until every record sent so far is acknowledged; fails if any was not. */
    public void flush() {
        producer.flush();
        Exception error = failure.get();
        if (error != null) {
            throw new IllegalStateException("sending to Kafka failed: " + error.getMessage(), error);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
