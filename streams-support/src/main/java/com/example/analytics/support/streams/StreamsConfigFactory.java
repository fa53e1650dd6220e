package com.example.analytics.support.streams;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.config.AnalyticsStreamsProperties;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams configuration of a service: connection and security from {@code spring.kafka.*}, then the
 * platform's defaults and {@code analytics.streams.*} on top.
 */
public final class StreamsConfigFactory {

    /** Room for the largest DLQ record (original value plus headers). */
    static final int MAX_REQUEST_BYTES = Topics.DLQ_MAX_MESSAGE_BYTES + 64 * 1024;

    private StreamsConfigFactory() {
    }

    public static Properties build(Map<String, Object> springKafkaStreams, AnalyticsStreamsProperties props,
                                   HostInfo applicationServer, Path stateDir, DeadLetterPublisher deadLetters) {
        Map<String, Object> config = new HashMap<>(springKafkaStreams);
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, props.effectiveApplicationId());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, props.processingGuarantee().kafkaValue());
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, props.commitInterval().toMillis());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, props.numStandbyReplicas());
        config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, props.numStreamThreads());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) props.replicationFactor());
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        if (applicationServer != null) {
            config.put(StreamsConfig.APPLICATION_SERVER_CONFIG,
                    applicationServer.host() + ":" + applicationServer.port());
        }
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        config.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        config.put(DeadLetterPublisher.CONFIG, deadLetters);
        config.put(DeadLetterExceptionHandler.SERVICE_CONFIG, props.serviceName());
        config.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        Properties properties = new Properties();
        properties.putAll(config);
        return properties;
    }
}
