package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.support.config.AnalyticsStreamsProperties;
import com.example.analytics.support.config.AnalyticsStreamsProperties.ProcessingGuarantee;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * docker-compose.yml read as docker-compose reads it (anchors and merge keys resolved) and checked against what the
 * services and the image need: ports, addresses, probes, volumes, memory, broker settings. Where docker-compose is
 * installed it validates the file itself too.
 */
class DeploymentComposeTest {

    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
    private static final DockerImage IMAGE = DockerImage.read();
    private static final String BROKER = "kafka";
    private static final long MIB = 1024 * 1024;

    @Test
    void dockerComposeAcceptsTheFile() {
        ExternalTool compose = ExternalTool.dockerCompose();
        ExternalTool.Result result = compose.run(RepositoryFiles.root(), "-f", "docker-compose.yml", "config", "-q");
        assertThat(result.exitCode()).as(result.stderr()).isZero();
    }

    @Test
    void runsTheBrokerTheFourServicesTheirLoadAndMonitoring() {
        Set<String> expected = new HashSet<>(Set.of(BROKER, "load-generator", "prometheus", "grafana"));
        ServiceModule.all().forEach(service -> expected.add(service.name()));
        assertThat(services().keySet()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void eachServiceIsBuiltFromItsModuleAndPublishesItsPort() {
        for (ServiceModule service : ServiceModule.all()) {
            Map<String, Object> definition = service(service.name());
            assertThat(Tree.stringAt(definition, "build", "context")).isEqualTo(".");
            assertThat(Tree.stringAt(definition, "build", "args", "MODULE")).isEqualTo(service.name());
            assertThat(Tree.list(definition.get("ports"))).containsExactly(service.port() + ":" + service.port());
            assertThat(SpringEnvironment.property(environment(service), service, "server.port"))
                    .isEqualTo(String.valueOf(service.port()));
        }
    }

    @Test
    void everyImageComposeBuildsIsAModuleTheDockerfileBuildsAsARunnableJar() {
        List<String> built = DockerImage.builtModules();
        services().forEach((name, definition) -> {
            String module = Tree.stringAt(definition, "build", "args", "MODULE");
            if (module != null) {
                assertThat(built).as(name).contains(module);
                // The Dockerfile takes the module's runnable jar by its 'exec' classifier.
                assertThat(RepositoryFiles.text(module + "/pom.xml")).as(module)
                        .contains("<classifier>exec</classifier>");
            }
        });
    }

    @Test
    void servicesFindEachOtherByServiceNameAndTheBrokerOnItsInternalListener() {
        Map<String, String> broker = environmentOf(service(BROKER));
        for (ServiceModule service : ServiceModule.all()) {
            AnalyticsStreamsProperties streams = streams(service);
            assertThat(streams.applicationServer()).isEqualTo(service.name() + ":" + service.port());
            assertThat(streams.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
            assertThat(streams.numStandbyReplicas()).isEqualTo(1);
            String bootstrap = SpringEnvironment.property(environment(service), service,
                    "spring.kafka.bootstrap-servers");
            assertThat(advertisedListeners(broker)).containsValue(bootstrap);
            assertThat(bootstrap).startsWith(BROKER + ":");
        }
    }

    @Test
    void aServiceIsHealthyWhenReadyAndStartsOnceTheBrokerIsHealthy() {
        assertThat(service(BROKER).get("healthcheck")).isNotNull();
        assertThat(RepositoryFiles.streamsSupportDefaults().getProperty("management.endpoint.health.group.readiness.include"))
                .isNotBlank();
        // curl is in the image because its run stage is an eclipse-temurin (Ubuntu) JRE, which installs it.
        assertThat(IMAGE.base()).startsWith("eclipse-temurin:17-jre");
        for (ServiceModule service : ServiceModule.all()) {
            Map<String, Object> definition = service(service.name());
            List<Object> test = Tree.list(Tree.at(definition, "healthcheck", "test"));
            assertThat(test.get(0)).isEqualTo("CMD-SHELL");
            // Compose turns $$ into $, then the container's shell expands the variable from its environment.
            String command = String.valueOf(test.get(1)).replace("$$", "$")
                    .replace("${SERVER_PORT}", environment(service).get("SERVER_PORT"));
            assertThat(command).contains("curl -fsS http://localhost:" + service.port() + "/actuator/health/readiness");
            assertThat(Tree.at(definition, "healthcheck", "start_period")).isNotNull();
            assertThat(Tree.stringAt(definition, "depends_on", BROKER, "condition")).isEqualTo("service_healthy");
        }
    }

    @Test
    void eachServiceKeepsItsStateOnANamedVolumeWhereTheImageKeepsIt() {
        Set<String> declared = Tree.map(COMPOSE.get("volumes")).keySet();
        Set<String> used = new HashSet<>();
        for (ServiceModule service : ServiceModule.all()) {
            String stateDir = streams(service).stateDir();
            assertThat(stateDir).isEqualTo(IMAGE.stateDirectory());
            Map<String, String> mounts = mounts(service(service.name()));
            assertThat(mounts).containsValue(stateDir);
            mounts.forEach((volume, path) -> {
                assertThat(declared).as("named volume " + volume).contains(volume);
                assertThat(used.add(volume)).as(volume + " is one service's alone").isTrue();
            });
        }
        Map<String, String> broker = environmentOf(service(BROKER));
        assertThat(mounts(service(BROKER))).containsValue(broker.get("KAFKA_LOG_DIRS"))
                .allSatisfy((volume, path) -> assertThat(declared).contains(volume));
    }

    @Test
    void theBrokerIsOneKraftNodeThatExactlyOnceWorksOn() {
        Map<String, String> broker = environmentOf(service(BROKER));
        assertThat(broker).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        assertThat(broker.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).startsWith(broker.get("KAFKA_NODE_ID") + "@");
        Set<String> listeners = listenerNames(broker.get("KAFKA_LISTENERS"));
        Set<String> secured = Arrays.stream(broker.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
                .map(entry -> entry.substring(0, entry.indexOf(':'))).collect(Collectors.toSet());
        assertThat(listeners).containsAll(advertisedListeners(broker).keySet())
                .contains(broker.get("KAFKA_INTER_BROKER_LISTENER_NAME"), broker.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        assertThat(secured).containsAll(listeners);
        // Clients on the host use localhost:9092, as with the launcher.
        assertThat(advertisedListeners(broker)).containsValue("localhost:9092");
        assertThat(Tree.list(service(BROKER).get("ports"))).contains("9092:9092");
    }

    @Test
    void servicesHaveTimeToCloseKafkaStreamsOnStop() {
        Duration shutdownPhase = DurationStyle.detectAndParse(
                RepositoryFiles.streamsSupportDefaults().getProperty("spring.lifecycle.timeout-per-shutdown-phase"));
        for (ServiceModule service : ServiceModule.all()) {
            assertThat(DurationStyle.detectAndParse(Tree.stringAt(service(service.name()), "stop_grace_period")))
                    .as(service.name()).isGreaterThan(shutdownPhase);
        }
    }

    @Test
    void theDemoLoadStartsOnceEveryServiceHasCreatedItsTopics() {
        Map<String, Object> load = service("load-generator");
        assertThat(Tree.list(load.get("profiles"))).containsExactly("demo");
        assertThat(Tree.stringAt(load, "build", "args", "MODULE")).isEqualTo("load-generator");
        for (ServiceModule service : ServiceModule.all()) {
            assertThat(Tree.stringAt(load, "depends_on", service.name(), "condition")).isEqualTo("service_healthy");
        }
        assertThat(advertisedListeners(environmentOf(service(BROKER)))).containsValue(loadGeneratorBootstrap());
    }

    @Test
    void everyContainerHasAMemoryLimitAndEveryJvmHalfOfItAsHeapAsInKubernetes() {
        services().forEach((name, definition) ->
                assertThat(Tree.at(definition, "mem_limit")).as(name + " mem_limit").isNotNull());
        // The image sizes the heap from the limit; the same limit as in k8s/ gives the same heap there and here.
        long serviceLimit = kubernetesMemoryLimit("k8s/base/analytics-service-pod.yaml");
        for (ServiceModule service : ServiceModule.all()) {
            assertThat(memoryLimit(service.name())).as(service.name()).isEqualTo(serviceLimit);
        }
        assertThat(memoryLimit("load-generator"))
                .isEqualTo(kubernetesMemoryLimit("k8s/overlays/local/load-generator.yaml"));
        assertThat(IMAGE.maxRamPercentage()).as("room for RocksDB, metaspace and stacks").isLessThanOrEqualTo(50);
        assertThat(serviceLimit * IMAGE.maxRamPercentage() / 100).as("heap of a service")
                .isGreaterThanOrEqualTo(256.0 * MIB);

        // The broker sets its heap itself: the same half of its limit.
        Matcher heap = Pattern.compile("-Xmx(\\S+)").matcher(environmentOf(service(BROKER)).get("KAFKA_HEAP_OPTS"));
        assertThat(heap.find()).isTrue();
        assertThat(bytes(heap.group(1)) * 2).isEqualTo(memoryLimit(BROKER));
    }

    @Test
    void theLoadGeneratorIsHealthyWhileConnectedToTheBrokerItWasGiven() {
        String bootstrap = loadGeneratorBootstrap();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        assertThat(loadGeneratorHealthcheck()).contains(establishedTo(port));
        assertThat(Tree.at(service("load-generator"), "healthcheck", "start_period")).isNotNull();
    }

    @Test
    void theLoadGeneratorHealthcheckFindsAnEstablishedConnectionOnlyWhileItIsOpen() throws IOException {
        Assumptions.assumeTrue(Files.isReadable(Path.of("/proc/net/tcp")), "no /proc/net/tcp (not Linux); skipped");
        ExternalTool shell = ExternalTool.required("sh");
        String check;
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket producer = new Socket(InetAddress.getLoopbackAddress(), broker.getLocalPort());
             Socket accepted = broker.accept()) {
            check = healthcheckFor(broker.getLocalPort());
            ExternalTool.Result open = shell.run(RepositoryFiles.root(), "-c", check);
            assertThat(open.exitCode()).as("connected: " + check + open.stderr()).isZero();
        }
        assertThat(shell.run(RepositoryFiles.root(), "-c", check).exitCode()).as("closed: " + check).isOne();
    }

    /** The load generator's healthcheck command, aimed at another broker port. */
    private static String healthcheckFor(int port) {
        String bootstrap = loadGeneratorBootstrap();
        int composePort = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        return loadGeneratorHealthcheck().replace(establishedTo(composePort), establishedTo(port));
    }

    private static String loadGeneratorBootstrap() {
        List<Object> command = Tree.list(service("load-generator").get("command"));
        return String.valueOf(command.get(command.indexOf("--bootstrap-servers") + 1));
    }

    private static String loadGeneratorHealthcheck() {
        List<Object> test = Tree.list(Tree.at(service("load-generator"), "healthcheck", "test"));
        assertThat(test.get(0)).isEqualTo("CMD-SHELL");
        return String.valueOf(test.get(1));
    }

    /** How /proc/net/tcp lists a connection to the port: remote address ':PORT' in hex, then state 01, ESTABLISHED. */
    private static String establishedTo(int port) {
        return String.format(":%04X 01 ", port);
    }

    private static Map<String, Object> services() {
        return Tree.map(COMPOSE.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return Tree.mapAt(services(), name);
    }

    private static long memoryLimit(String service) {
        return bytes(Tree.stringAt(service(service), "mem_limit"));
    }

    /** The memory limit of the first container in a file of k8s/. */
    private static long kubernetesMemoryLimit(String file) {
        Object container = Tree.list(Tree.at(RepositoryFiles.yamlDocuments(RepositoryFiles.path(file)).get(0),
                "spec", "template", "spec", "containers")).get(0);
        return Quantity.getAmountInBytes(new Quantity(Tree.stringAt(container, "resources", "limits", "memory")))
                .longValueExact();
    }

    /** A size as docker-compose and the JVM write it: a number and a unit of k, m or g (powers of 1024). */
    private static long bytes(String size) {
        Matcher matcher = Pattern.compile("(\\d+)([kmg]?)").matcher(size.toLowerCase(Locale.ROOT));
        assertThat(matcher.matches()).as("a size: " + size).isTrue();
        long unit = switch (matcher.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(matcher.group(1)) * unit;
    }

    private static Map<String, String> environmentOf(Map<String, Object> definition) {
        Map<String, String> environment = new LinkedHashMap<>();
        Tree.map(definition.get("environment")).forEach((name, value) -> environment.put(name, String.valueOf(value)));
        return environment;
    }

    /** What the service's process sees: the image's variables, then the compose file's. */
    private static Map<String, String> environment(ServiceModule service) {
        Map<String, String> environment = new LinkedHashMap<>(IMAGE.environment());
        environment.putAll(environmentOf(service(service.name())));
        return environment;
    }

    private static AnalyticsStreamsProperties streams(ServiceModule service) {
        return SpringEnvironment.bind(environment(service), service, "analytics.streams",
                AnalyticsStreamsProperties.class);
    }

    /** Named volume to mount path, from the short syntax 'volume:/path[:mode]'; bind mounts are left out. */
    private static Map<String, String> mounts(Map<String, Object> definition) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (Object entry : Tree.list(definition.get("volumes"))) {
            String[] parts = String.valueOf(entry).split(":");
            if (!parts[0].startsWith(".") && !parts[0].startsWith("/")) {
                mounts.put(parts[0], parts[1]);
            }
        }
        return mounts;
    }

    /** Listener name to advertised host:port. */
    private static Map<String, String> advertisedListeners(Map<String, String> broker) {
        Map<String, String> listeners = new LinkedHashMap<>();
        for (String listener : broker.get("KAFKA_ADVERTISED_LISTENERS").split(",")) {
            listeners.put(listener.substring(0, listener.indexOf("://")), listener.substring(listener.indexOf("://") + 3));
        }
        return listeners;
    }

    private static Set<String> listenerNames(String listeners) {
        return Arrays.stream(listeners.split(",")).map(listener -> listener.substring(0, listener.indexOf("://")))
                .collect(Collectors.toSet());
    }
}
