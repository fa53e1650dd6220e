package com.example.analytics.reliability;

import static org.awaitility.Awaitility.await;

import com.example.analytics.launcher.Launcher;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.net.FreePorts;
import com.example.analytics.support.test.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A broker and service instances, each a JVM of its own, as in production: the broker is the launcher in
 * {@code --broker-only} mode on a fixed port and data directory (so it can be stopped and started again), each
 * service instance is its service's main class with its own port and state directory (kept across restarts, like a
 * pod's volume). Every process writes to a log file under the run directory, which a failing test names.
 */
final class ProcessCluster implements AutoCloseable {

    /** A service instance; its port and state directory stay the same across restarts. */
    final class Node {
        final ServiceKind kind;
        final int index;
        final int port;
        final Path stateDir;
        private JavaProcess process;

        private Node(ServiceKind kind, int index) {
            this.kind = kind;
            this.index = index;
            this.port = FreePorts.find();
            this.stateDir = runDir.resolve("state").resolve(kind.serviceName() + "-" + index);
        }

        void start() {
            List<String> args = new ArrayList<>(List.of(
                    "--spring.application.name=" + kind.serviceName(),
                    "--server.port=" + port,
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                    "--analytics.streams.state-dir=" + stateDir,
                    "--analytics.streams.processing-guarantee=" + settings.guarantee(),
                    "--analytics.streams.num-standby-replicas=" + settings.standbyReplicas(),
                    // A killed instance is noticed in seconds, as in the services' own broker tests.
                    "--spring.kafka.streams.properties.session.timeout.ms=6000",
                    "--spring.kafka.streams.properties.heartbeat.interval.ms=1500",
                    "--spring.main.banner-mode=off"));
            process = JavaProcess.start(toString(), kind.mainClass(), SERVICE_JVM, args, log(toString()));
        }

        /** SIGKILL. */
        void kill() {
            process.kill();
        }

        /** SIGTERM; how long the instance took to close. */
        Duration terminate(Duration timeout) {
            return process.terminate(timeout);
        }

        boolean isRunning() {
            return process != null && process.isAlive();
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }

        boolean isReady() {
            if (!isRunning()) {
                return false;
            }
            try {
                return Http.get(baseUrl() + "/actuator/health/readiness").status() == 200;
            } catch (IllegalStateException notListening) {
                return false;
            }
        }

        @Override
        public String toString() {
            return kind.serviceName() + "-" + index;
        }
    }

    /** How the services run. */
    record Settings(String guarantee, int standbyReplicas, int instancesPerService, Set<ServiceKind> services) {
    }

    /**
     * Eight service JVMs and a broker share two cores in CI: the client compiler alone starts them in a fraction of
     * the time and is fast enough for the rates these tests produce at.
     */
    private static final List<String> SERVICE_JVM = List.of("-Xmx320m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:TieredStopAtLevel=1");
    private static final List<String> BROKER_JVM = List.of("-Xmx768m", "-XX:+UseParallelGC");
    static final Duration READY_TIMEOUT = Duration.ofMinutes(5);

    private final Path runDir;
    private final Settings settings;
    private final int brokerPort = FreePorts.find();
    private final List<Node> nodes = new ArrayList<>();
    private JavaProcess broker;

    ProcessCluster(Path runDir, Settings settings) {
        this.runDir = runDir;
        this.settings = settings;
        try {
            Files.createDirectories(runDir.resolve("logs"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (ServiceKind kind : settings.services()) {
            for (int i = 0; i < settings.instancesPerService(); i++) {
                nodes.add(new Node(kind, i));
            }
        }
    }

    String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    List<Node> nodes() {
        return List.copyOf(nodes);
    }

    List<Node> nodes(ServiceKind kind) {
        return nodes.stream().filter(node -> node.kind == kind).toList();
    }

    Path runDir() {
        return runDir;
    }

    /** Starts (or starts again) the broker on the same port and data; returns once it answers. */
    void startBroker() {
        broker = JavaProcess.start("broker", Launcher.class, BROKER_JVM, List.of("--broker-only",
                "--broker-port", Integer.toString(brokerPort), "--data-dir", runDir.resolve("kafka").toString()),
                log("broker"));
        await("the broker answers").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(this::brokerAnswers);
    }

    /** SIGTERM: the broker shuts down in order, as in a rolling restart. */
    Duration stopBroker() {
        return broker.terminate(Duration.ofMinutes(1));
    }

    void startServices() {
        nodes.forEach(Node::start);
    }

    void awaitAllReady() {
        await("every instance ready").atMost(READY_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> nodes.stream().allMatch(Node::isReady));
    }

    /**
     * Whether every service's application has committed every record of its input topics. Its internal topics are
     * not asked: progress reports keep flowing through them while traffic is idle.
     */
    boolean caughtUp() {
        try (Admin admin = admin()) {
            List<TopicPartition> inputs = new ArrayList<>();
            for (String topic : List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name())) {
                admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .forEach(partition -> inputs.add(new TopicPartition(topic, partition.partition())));
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(inputs.stream()
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get();
            for (ServiceKind kind : settings.services()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kind.serviceName())
                        .partitionsToOffsetAndMetadata().get();
                for (TopicPartition input : inputs) {
                    OffsetAndMetadata offset = committed.get(input);
                    if (kind.reads(input.topic())
                            && (offset == null || offset.offset() < ends.get(input).offset())) {
                        return false;
                    }
                }
            }
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** Lines of every service log that contain {@code text}. */
    List<String> serviceLogLines(String text) {
        List<String> found = new ArrayList<>();
        for (Node node : nodes) {
            try (Stream<String> lines = Files.lines(log(node.toString()))) {
                lines.filter(line -> line.contains(text)).map(line -> node + ": " + line).forEach(found::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private boolean brokerAnswers() {
        try (Admin admin = admin()) {
            admin.describeCluster().nodes().get();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    private Path log(String name) {
        return runDir.resolve("logs").resolve(name + ".log");
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            if (node.isRunning()) {
                node.kill();
            }
        }
        if (broker != null && broker.isAlive()) {
            broker.kill();
        }
    }
}
