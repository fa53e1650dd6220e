package com.example.analytics.launcher;

import com.example.analytics.support.net.FreePorts;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker in this JVM, in KRaft combined mode (broker and controller in one process).
 * Configured so exactly-once works with one node: the transaction and offsets logs have one replica. The log
 * directory is formatted on first use and reused afterwards, so a restart with the same directory keeps the data.
 */
public final class KraftBroker implements AutoCloseable {

    private static final String CONFIG_FILE = "server.properties";

    private final KafkaRaftServer server;
    private final int port;
    private final Path dataDir;

    private KraftBroker(KafkaRaftServer server, int port, Path dataDir) {
        this.server = server;
        this.port = port;
        this.dataDir = dataDir;
    }

    /**
     * Starts a broker listening on {@code localhost:port} (0 picks a free port) with its data in {@code dataDir}.
     */
    public static KraftBroker start(int port, Path dataDir) {
        return start(port, dataDir, Map.of());
    }

    /**
     * As {@link #start(int, Path)}, but with {@code ssl} settings (keystore, truststore) the client listener speaks
     * TLS instead of plaintext; the controller listener stays inside this JVM's loopback and plaintext.
     */
    public static KraftBroker start(int port, Path dataDir, Map<String, String> ssl) {
        int brokerPort = port == 0 ? FreePorts.find() : port;
        String listener = ssl.isEmpty() ? "PLAINTEXT" : "SSL";
        int controllerPort = FreePorts.find();
        Path logDir = dataDir.resolve("kafka-logs");
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("listeners", listener + "://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", listener + "://localhost:" + brokerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", listener);
        props.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        props.putAll(ssl);
        props.put("log.dirs", logDir.toString());
        props.put("num.partitions", "6");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "6");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "6");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        props.put("log.retention.hours", "168");
        try {
            Files.createDirectories(logDir);
            Path configFile = dataDir.resolve(CONFIG_FILE);
            try (OutputStream out = Files.newOutputStream(configFile)) {
                props.store(out, "written by the launcher; the broker is started from it");
            }
            format(configFile, logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot prepare broker data directory " + dataDir, e);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return new KraftBroker(server, brokerPort, dataDir);
    }

    /** Formats the log directory unless an earlier run already did, so restarts keep topics and offsets. */
    private static void format(Path configFile, Path logDir) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "--cluster-id", Uuid.randomUuid().toString(),
                "--config", configFile.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Formatting " + logDir + " failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
