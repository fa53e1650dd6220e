package com.example.analytics.launcher;

import com.example.analytics.cli.Cli;
import com.example.analytics.launcher.view.PlatformSampler;
import com.example.analytics.launcher.view.WebView;
import com.example.analytics.model.kafka.ClientConfigFile;
import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.streams.ManagedKafkaStreams;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Utils;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole platform in one JVM: an embedded KRaft broker (unless {@code --bootstrap-servers} names a cluster),
 * the catalogue topics, then every service module found on the class path, each in its own Spring context with
 * its own port and state directory, and a web page that shows them at work. One line per component once it is
 * ready; Ctrl-C stops everything cleanly.
 */
public final class Launcher implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final LauncherOptions options;
    private final PrintStream out;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private KraftBroker broker;
    private Path dataDir;
    private boolean temporaryDataDir;
    private String bootstrapServers;
    /** Bootstrap servers plus the client config file's settings: what every Kafka client here connects with. */
    private Map<String, Object> kafkaClient;
    private WebView webView;
    private PlatformSampler sampler;
    private Demo demo;

    public Launcher(LauncherOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        Cli.run(new LauncherCommand(), args);
    }

    /** Runs until Ctrl-C (or SIGTERM) and stops everything then; the exit code. */
    static int runUntilStopped(LauncherOptions options) throws InterruptedException {
        Launcher launcher = new Launcher(options, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            launcher.close();
            stopped.countDown();
        }, "launcher-shutdown"));
        try {
            launcher.start();
        } catch (RuntimeException e) {
            System.err.println("Start-up failed: " + e.getMessage());
            return 1;
        }
        stopped.await();
        return 0;
    }

    public void start() {
        // Read first: a missing or unreadable file stops the launcher before it starts anything.
        kafkaClient = new LinkedHashMap<>(options.clientConfig().map(ClientConfigFile::read).orElse(Map.of()));
        dataDir = options.dataDir().orElseGet(Launcher::temporaryDirectory);
        temporaryDataDir = options.dataDir().isEmpty();
        if (options.ui() && options.services()) {
            webView = WebView.bind(options.uiPort());
        }
        if (options.bootstrapServers().isPresent()) {
            bootstrapServers = options.bootstrapServers().get();
            out.println("Kafka cluster   " + bootstrapServers + " (external)");
        } else {
            broker = KraftBroker.start(options.brokerPort(), dataDir.resolve("broker"));
            bootstrapServers = broker.bootstrapServers();
            out.println("Kafka broker    " + bootstrapServers + " ready (KRaft, data in " + dataDir + ")");
        }
        kafkaClient.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        createTopics();
        if (options.services()) {
            startServices();
        }
        if (webView != null || options.demo()) {
            sampler = new PlatformSampler(serviceDefinitions().stream().collect(Collectors.toMap(
                    AnalyticsServiceDefinition::name, AnalyticsServiceDefinition::defaultPort)), kafkaClient);
            sampler.start();
        }
        if (options.demo()) {
            demo = new Demo(kafkaClient, options.demoRate(), sampler, out);
            demo.start();
        }
        if (webView != null) {
            webView.start(sampler);
            out.println("Web view        " + webView.address());
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Where broker data and service state live; null once a temporary directory has been removed. */
    public Path dataDir() {
        return dataDir;
    }

    public List<ConfigurableApplicationContext> services() {
        return List.copyOf(services);
    }

    /** Where the web view is served, once started. */
    public Optional<URI> webView() {
        return Optional.ofNullable(webView).map(WebView::address);
    }

    private void createTopics() {
        try (Admin admin = Admin.create(kafkaClient)) {
            TopicAdmin.createMissing(admin, Topics.ALL, options.partitions(), Optional.empty(), Duration.ofSeconds(30));
        }
        out.println("Topics          " + Topics.ALL + " (" + options.partitions() + " partitions)");
    }

    private static List<AnalyticsServiceDefinition> serviceDefinitions() {
        return ServiceLoader.load(AnalyticsServiceDefinition.class).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(AnalyticsServiceDefinition::defaultPort))
                .toList();
    }

    private void startServices() {
        List<AnalyticsServiceDefinition> definitions = serviceDefinitions();
        if (definitions.isEmpty()) {
            out.println("Services        none on the class path yet");
            return;
        }
        for (AnalyticsServiceDefinition definition : definitions) {
            // As arguments: what the launcher decides (broker, port, state dir) wins over each service's
            // application.yml; every other setting still comes from there or the environment.
            services.add(new SpringApplicationBuilder(definition.applicationClass())
                    .run(serviceProperties(definition).entrySet().stream()
                            .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        for (int i = 0; i < definitions.size(); i++) {
            ManagedKafkaStreams streams = services.get(i).getBean(ManagedKafkaStreams.class);
            while (!streams.isReady() && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(200));
            }
            AnalyticsServiceDefinition definition = definitions.get(i);
            out.printf("%-15s http://localhost:%d %s%n", definition.name(), definition.defaultPort(),
                    streams.isReady() ? "ready" : "started, not ready yet (" + streams.state() + ")");
        }
    }

    private Map<String, Object> serviceProperties(AnalyticsServiceDefinition definition) {
        Map<String, Object> props = new LinkedHashMap<>();
        // All services share one class path, so only one application.yml is found: name and port must come
        // from here. Every threshold has its default in the service's properties record.
        props.put("spring.application.name", definition.name());
        props.put("server.port", definition.defaultPort());
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        // Client settings reach the services' streams, DLQ producer and admin clients through spring.kafka.properties.
        kafkaClient.forEach((key, value) -> {
            if (!key.equals(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)) {
                // Kafka's own ${env:NAME} placeholders are left for Kafka, not resolved by Spring.
                props.put("spring.kafka.properties." + key, String.valueOf(value).replace("${", "\\${"));
            }
        });
        props.put("analytics.streams.state-dir", dataDir.resolve("state").resolve(definition.name()).toString());
        props.put("analytics.streams.partitions", options.partitions());
        // Four applications share this JVM; each keeps its own meters.
        props.put("management.metrics.use-global-registry", false);
        props.put("spring.main.banner-mode", "off");
        return props;
    }

    @Override
    public synchronized void close() {
        if (demo != null) {
            demo.close();
            demo = null;
        }
        if (sampler != null) {
            sampler.close();
            sampler = null;
        }
        if (webView != null) {
            webView.close();
            webView = null;
        }
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        services.clear();
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (temporaryDataDir && dataDir != null) {
            deleteRecursively(dataDir);
            dataDir = null;
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("analytics-launcher-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        try {
            Utils.delete(dir.toFile());
        } catch (IOException e) {
            // best effort: it is a temp directory
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the services", e);
        }
    }
}
