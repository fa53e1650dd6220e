package com.example.analytics.support.test;

import com.example.analytics.support.streams.DeadLetterExceptionHandler;
import com.example.analytics.support.streams.DeadLetterPublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Builds {@link TopologyTestDriver}s configured like the running services (exception handlers included), so a
 * topology test exercises the same error paths as production.
 */
public final class TopologyDrivers {

    private TopologyDrivers() {
    }

    /** Collects what the exception handlers would have written to the DLQ outside the stream. */
    public static final class CapturingPublisher implements DeadLetterPublisher {
        public final List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();

        @Override
        public void publish(ProducerRecord<byte[], byte[]> record, String sourceTopic, String reason) {
            records.add(record);
        }

        @Override
        public void close() {
        }
    }

    public static TopologyTestDriver driver(Topology topology, String serviceName, DeadLetterPublisher publisher) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, serviceName + "-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        // A directory of its own: the default under /tmp is shared with any other build on the machine.
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir(serviceName));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterExceptionHandler.class);
        props.put(DeadLetterPublisher.CONFIG, publisher);
        props.put(DeadLetterExceptionHandler.SERVICE_CONFIG, serviceName);
        return new TopologyTestDriver(topology, props);
    }

    private static String stateDir(String serviceName) {
        try {
            // Under the build directory: Kafka Streams warns about state under the OS temp directory, which may be
            // cleaned while in use; 'mvn clean' removes these.
            Path parent = Files.createDirectories(Path.of("target", "topology-tests"));
            return Files.createTempDirectory(parent, serviceName + "-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
