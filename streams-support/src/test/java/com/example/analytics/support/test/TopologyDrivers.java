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
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;

/**
 * Builds {@link TopologyTestDriver}s configured like the running services (exception handlers included), so a
 * topology test exercises the same error paths as production.
 */
public final class TopologyDrivers {

    /** Less free space than this in the memory file system, and state goes under the build directory instead. */
    private static final long MIN_MEMORY_SPACE = 1L << 30;
    private static final Path STATE_PARENT = stateParent();

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
            return Files.createTempDirectory(STATE_PARENT, serviceName + "-").toAbsolutePath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * In memory where Linux has a memory file system with room, else under the build directory. The driver commits
     * after every record, and each commit flushes every RocksDB store that changed to a new file that RocksDB syncs
     * to disk: there a record cost about 8 ms and the fraud test's 10,000 quiet users 80 s, in memory a fifth of
     * that. Not under the OS temp directory: Kafka Streams warns about state there, which may be cleaned while in
     * use; 'mvn clean' removes the build directory's, and this JVM removes the memory one when it exits.
     */
    private static Path stateParent() {
        Path memory = Path.of("/dev/shm");
        try {
            if (Files.isDirectory(memory) && Files.isWritable(memory)
                    && Files.getFileStore(memory).getUsableSpace() >= MIN_MEMORY_SPACE) {
                Path parent = Files.createTempDirectory(memory, "topology-tests-");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(parent), "delete topology state"));
                return parent;
            }
        } catch (IOException e) {
            // no memory file system to be had: the build directory serves
        }
        try {
            return Files.createDirectories(Path.of("target", "topology-tests"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try {
            Utils.delete(root.toFile());
        } catch (IOException e) {
            // what is left goes with the next reboot
        }
    }
}
