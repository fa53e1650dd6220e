package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.support.config.AnalyticsStreamsProperties;
import com.example.analytics.support.config.AnalyticsStreamsProperties.ProcessingGuarantee;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.DurationStyle;

/**
 * docker-compose.yml read as docker-compose reads it (anchors and merge keys resolved) and checked against what the
 * services and the image need: ports, addresses, probes, volumes, broker settings. Where docker-compose is installed
 * it validates the file itself too.
 */
class DeploymentComposeTest {

    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
    private static final DockerImage IMAGE = DockerImage.read();
    private static final String BROKER = "kafka";

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
        List<Object> command = Tree.list(load.get("command"));
        String bootstrap = String.valueOf(command.get(command.indexOf("--bootstrap-servers") + 1));
        assertThat(advertisedListeners(environmentOf(service(BROKER)))).containsValue(bootstrap);
    }

    private static Map<String, Object> services() {
        return Tree.map(COMPOSE.get("services"));
    }

    private static Map<String, Object> service(String name) {
        return Tree.mapAt(services(), name);
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
