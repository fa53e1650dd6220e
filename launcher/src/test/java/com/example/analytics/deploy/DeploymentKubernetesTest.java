package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.support.config.AnalyticsStreamsProperties;
import com.example.analytics.support.config.AnalyticsStreamsProperties.ProcessingGuarantee;
import com.example.analytics.support.config.StreamsSupportAutoConfiguration;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.convert.DurationStyle;

/**
 * The rendered overlays as Kubernetes objects: each service a StatefulSet reachable at its pod's DNS name, on the
 * actuator probes, with its state on a volume, under the restricted Pod Security Standard, configured with exactly
 * the properties it binds, fenced in by its NetworkPolicy, and found by Prometheus.
 */
class DeploymentKubernetesTest {

    enum Overlay {
        LOCAL("k8s/overlays/local", 1),
        PRODUCTION("k8s/overlays/production", 3);

        final String directory;
        final int replicas;
        private List<HasMetadata> objects;

        Overlay(String directory, int replicas) {
            this.directory = directory;
            this.replicas = replicas;
        }

        synchronized List<HasMetadata> objects() {
            if (objects == null) {
                objects = KubernetesObjects.render(directory);
            }
            return objects;
        }
    }

    private static final DockerImage IMAGE = DockerImage.read();
    /** Where Spring Boot's actuator serves the Prometheus scrape, as docker-compose's Prometheus scrapes it too. */
    private static final String METRICS_PATH = "/actuator/prometheus";
    private static final Set<String> RESTRICTED_VOLUME_TYPES = Set.of("configMap", "csi", "downwardAPI", "emptyDir",
            "ephemeral", "persistentVolumeClaim", "projected", "secret");

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void rendersOnlyKnownKindsWithFieldsTheKubernetesApiHas(Overlay overlay) {
        // render() refuses unknown kinds and unknown fields; what is left is to see everything arrived.
        List<HasMetadata> objects = overlay.objects();
        List<String> present = objects.stream()
                .map(object -> object.getKind() + "/" + object.getMetadata().getName()).toList();
        for (ServiceModule service : ServiceModule.all()) {
            String name = service.name();
            assertThat(present).contains("StatefulSet/" + name, "Service/" + name, "Service/" + name + "-headless",
                    "PodDisruptionBudget/" + name, "ConfigMap/" + name + "-config");
        }
        assertThat(objects).allSatisfy(object -> assertThat(object.getMetadata().getNamespace())
                .isEqualTo(object instanceof Namespace ? null : "realtime-analytics"));
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServiceRunsItsImageOnItsPortWithTheReplicasOfTheOverlay(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            StatefulSet set = statefulSet(overlay, service);
            Container app = app(set);
            assertThat(set.getSpec().getReplicas()).as(service.name()).isEqualTo(overlay.replicas);
            assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(set.getSpec().getSelector().getMatchLabels());
            assertThat(app.getImage()).as(service.name()).matches("(.+/)?realtime-analytics/" + service.name() + ":.+");
            assertThat(app.getPorts()).as(service.name()).satisfiesExactly(port -> {
                assertThat(port.getName()).isEqualTo("http");
                assertThat(port.getContainerPort()).isEqualTo(service.port());
            }, port -> {
                assertThat(port.getName()).isEqualTo("internal");
                assertThat(port.getContainerPort()).isEqualTo(internalPort(service));
            });
            assertThat(streams(overlay, service, 0).internalPort()).as(service.name()).isEqualTo(internalPort(service));
            assertThat(SpringEnvironment.property(environment(overlay, service, 0), service, "server.port"))
                    .as(service.name()).isEqualTo(String.valueOf(service.port()));
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void applicationServerIsEachPodsStableNameThroughAHeadlessService(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            StatefulSet set = statefulSet(overlay, service);
            for (int ordinal = 0; ordinal < overlay.replicas; ordinal++) {
                String pod = service.name() + "-" + ordinal;
                AnalyticsStreamsProperties streams = streams(overlay, service, ordinal);
                assertThat(streams.applicationServer()).as(pod)
                        .isEqualTo(pod + "." + set.getSpec().getServiceName() + ":" + internalPort(service));
            }
            Service headless = KubernetesObjects.named(overlay.objects(), Service.class, set.getSpec().getServiceName());
            assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
            // Instances proxy queries to each other during rebalances and restores, when they are not ready.
            assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
            assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(headless.getSpec().getSelector());
            assertThat(headless.getSpec().getPorts()).extracting(ServicePort::getPort)
                    .contains(service.port(), internalPort(service));

            Service client = KubernetesObjects.named(overlay.objects(), Service.class, service.name());
            assertThat(client.getSpec().getClusterIP()).isNull();
            assertThat(set.getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(client.getSpec().getSelector());
            // The routing endpoints are not reachable through the client Service.
            assertThat(client.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(service.port());
                assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http"));
            });
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void probesUseTheActuatorHealthGroupsAndTheStartupBudgetOutlastsTopicCreation(Overlay overlay) throws Exception {
        Duration topicCreation = (Duration) privateStatic(StreamsSupportAutoConfiguration.class,
                "TOPIC_CREATION_DEADLINE");
        Duration shutdownPhase = DurationStyle.detectAndParse(
                RepositoryFiles.streamsSupportDefaults().getProperty("spring.lifecycle.timeout-per-shutdown-phase"));
        for (ServiceModule service : ServiceModule.all()) {
            Container app = app(statefulSet(overlay, service));
            assertHttpProbe(app.getReadinessProbe(), "/actuator/health/readiness");
            assertHttpProbe(app.getLivenessProbe(), "/actuator/health/liveness");
            assertHttpProbe(app.getStartupProbe(), "/actuator/health/liveness");
            Probe startup = app.getStartupProbe();
            assertThat(Duration.ofSeconds((long) startup.getPeriodSeconds() * startup.getFailureThreshold()))
                    .as("%s startup budget", service.name()).isGreaterThan(topicCreation);
            assertThat(Duration.ofSeconds(podSpec(statefulSet(overlay, service)).getTerminationGracePeriodSeconds()))
                    .as("%s has time to close Kafka Streams", service.name()).isGreaterThan(shutdownPhase);
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyPodMeetsTheRestrictedPodSecurityStandard(Overlay overlay) {
        Namespace namespace = KubernetesObjects.ofKind(overlay.objects(), Namespace.class).get(0);
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        List<PodTemplateSpec> templates = podTemplates(overlay);
        assertThat(templates).hasSizeGreaterThanOrEqualTo(ServiceModule.all().size());
        for (PodTemplateSpec template : templates) {
            String pod = template.getMetadata().getLabels().get("app.kubernetes.io/name");
            PodSpec spec = template.getSpec();
            PodSecurityContext podSecurity = Optional.ofNullable(spec.getSecurityContext()).orElseGet(PodSecurityContext::new);
            assertThat(spec.getHostNetwork()).as(pod).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getHostPID()).as(pod).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getHostIPC()).as(pod).isNotEqualTo(Boolean.TRUE);
            assertThat(spec.getVolumes()).as(pod).allSatisfy(volume ->
                    assertThat(volumeTypes(volume)).isNotEmpty().isSubsetOf(RESTRICTED_VOLUME_TYPES));
            for (Container container : containers(spec)) {
                SecurityContext security = container.getSecurityContext();
                assertThat(security).as("%s/%s securityContext", pod, container.getName()).isNotNull();
                assertThat(Objects.requireNonNullElse(security.getRunAsNonRoot(), podSecurity.getRunAsNonRoot()))
                        .as("%s runAsNonRoot", pod).isTrue();
                assertThat(Objects.requireNonNullElse(security.getRunAsUser(), podSecurity.getRunAsUser()))
                        .as("%s runAsUser", pod).isNotNull().isNotZero();
                assertThat(security.getAllowPrivilegeEscalation()).as("%s allowPrivilegeEscalation", pod).isFalse();
                assertThat(security.getPrivileged()).as("%s privileged", pod).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).as("%s drops", pod).contains("ALL");
                assertThat(security.getCapabilities().getAdd()).as("%s adds", pod).isEmpty();
                var seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile()
                        : podSecurity.getSeccompProfile();
                assertThat(seccomp).as("%s seccompProfile", pod).isNotNull();
                assertThat(seccomp.getType()).as("%s seccompProfile", pod).isEqualTo("RuntimeDefault");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyContainerRequestsCpuAndMemoryAndHasAMemoryLimitItsHeapIsSizedFrom(Overlay overlay) {
        for (PodTemplateSpec template : podTemplates(overlay)) {
            for (Container container : containers(template.getSpec())) {
                String name = template.getMetadata().getLabels().get("app.kubernetes.io/name");
                assertThat(container.getResources().getRequests()).as(name).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(name).containsKey("memory");
                assertThat(container.getResources().getRequests().get("memory")).as(name)
                        .isEqualTo(container.getResources().getLimits().get("memory"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void servicesWriteOnlyToTheirStateVolumeAndTmpAsTheImagesUser(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            StatefulSet set = statefulSet(overlay, service);
            PodSpec spec = podSpec(set);
            Container app = app(set);
            assertThat(app.getSecurityContext().getReadOnlyRootFilesystem()).as(service.name()).isTrue();
            assertThat(spec.getSecurityContext().getRunAsUser()).isEqualTo(IMAGE.uid());
            assertThat(spec.getSecurityContext().getRunAsGroup()).isEqualTo(IMAGE.gid());
            assertThat(spec.getSecurityContext().getFsGroup()).as("the state volume is writable").isEqualTo(IMAGE.gid());

            String stateDir = streams(overlay, service, 0).stateDir();
            VolumeMount state = mountAt(app, stateDir);
            PersistentVolumeClaim claim = set.getSpec().getVolumeClaimTemplates().stream()
                    .filter(template -> template.getMetadata().getName().equals(state.getName()))
                    .findFirst().orElseThrow(() -> new AssertionError(service.name() + ": no claim for " + stateDir));
            assertThat(claim.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(Quantity.getAmountInBytes(claim.getSpec().getResources().getRequests().get("storage")))
                    .isGreaterThanOrEqualTo(Quantity.getAmountInBytes(new Quantity("1Gi")));
            assertThat(spec.getVolumes()).noneMatch(volume -> volume.getName().equals(state.getName()));

            VolumeMount tmp = mountAt(app, "/tmp");
            assertThat(spec.getVolumes()).filteredOn(volume -> volume.getName().equals(tmp.getName()))
                    .singleElement().satisfies(volume -> assertThat(volume.getEmptyDir()).isNotNull());
            assertThat(app.getVolumeMounts()).as("nothing else is writable").hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void kafkaStreamsRunsExactlyOnceWithOneStandbyReplica(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            AnalyticsStreamsProperties streams = streams(overlay, service, 0);
            assertThat(streams.processingGuarantee()).isEqualTo(ProcessingGuarantee.EXACTLY_ONCE_V2);
            assertThat(streams.numStandbyReplicas()).isEqualTo(1);
            assertThat(streams.serviceName()).isEqualTo(service.name());
            assertThat(streams.partitions()).as("replicas beyond the partitions would idle")
                    .isGreaterThanOrEqualTo(overlay.replicas);
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void eachServicesConfigMapHoldsEveryPropertyItBindsAndTheyAllArrive(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            ConfigMap config = KubernetesObjects.named(overlay.objects(), ConfigMap.class, service.name() + "-config");
            List<String> expected = service.ownProperties().stream()
                    .map(property -> SpringEnvironment.variableName(property.name())).toList();
            assertThat(config.getData().keySet()).as(service.name()).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(app(statefulSet(overlay, service)).getEnvFrom())
                    .anySatisfy(source -> assertThat(source.getConfigMapRef().getName()).isEqualTo(service.name() + "-config"));
            // Binding, with the service's validation, proves names and values arrive, not only that they are spelled
            // like the properties.
            Object bound = SpringEnvironment.bind(environment(overlay, service, 0), service,
                    service.propertiesPrefix(), service.propertiesClass());
            assertThat(bound).as(service.name()).isNotNull();
        }
    }

    @Test
    void theBaseConfigMapsStartAtTheServicesDefaults() {
        List<HasMetadata> base = KubernetesObjects.render("k8s/base");
        for (ServiceModule service : ServiceModule.all()) {
            ConfigMap config = KubernetesObjects.named(base, ConfigMap.class, service.name() + "-config");
            Object fromConfigMap = SpringEnvironment.bind(config.getData(), service, service.propertiesPrefix(),
                    service.propertiesClass());
            Object defaults = SpringEnvironment.bind(Map.of(), service, service.propertiesPrefix(),
                    service.propertiesClass());
            assertThat(fromConfigMap).as(service.name()).isEqualTo(defaults);
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void oneInstanceOfAServiceMayBeDisruptedAtATime(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            PodDisruptionBudget budget = KubernetesObjects.named(overlay.objects(), PodDisruptionBudget.class,
                    service.name());
            assertThat(budget.getSpec().getMaxUnavailable()).isEqualTo(new IntOrString(1));
            assertThat(statefulSet(overlay, service).getSpec().getTemplate().getMetadata().getLabels())
                    .containsAllEntriesOf(budget.getSpec().getSelector().getMatchLabels());
        }
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void everyPodAnnouncesItsMetricsOnItsApiPortForScrapeDiscovery(Overlay overlay) {
        for (ServiceModule service : ServiceModule.all()) {
            StatefulSet set = statefulSet(overlay, service);
            assertThat(set.getSpec().getTemplate().getMetadata().getAnnotations()).as(service.name())
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", METRICS_PATH)
                    // The API port: the internal one answers 404 for /actuator.
                    .containsEntry("prometheus.io/port", String.valueOf(containerPort(app(set), "http")));
        }
    }

    @Test
    void productionIsScrapedByThePrometheusOperatorThroughEveryHeadlessServiceOnly() {
        List<HasMetadata> objects = Overlay.PRODUCTION.objects();
        Map<String, Object> monitor = Tree.map(KubernetesObjects.custom(objects, "ServiceMonitor").get(0));
        assertThat(KubernetesObjects.custom(objects, "ServiceMonitor")).hasSize(1);
        Map<String, Object> selector = Tree.mapAt(monitor, "spec", "selector", "matchLabels");
        List<String> selected = KubernetesObjects.ofKind(objects, Service.class).stream()
                .filter(service -> service.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
                .map(service -> service.getMetadata().getName()).toList();
        // The headless Services list pods that are not ready: a rebalancing instance is still scraped.
        assertThat(selected).containsExactlyInAnyOrderElementsOf(ServiceModule.all().stream()
                .map(service -> statefulSet(Overlay.PRODUCTION, service).getSpec().getServiceName()).toList());

        List<Object> endpoints = Tree.list(Tree.at(monitor, "spec", "endpoints"));
        assertThat(endpoints).hasSize(1);
        Map<String, Object> endpoint = Tree.map(endpoints.get(0));
        // honorLabels keeps the services' own 'service' label instead of the operator's Kubernetes Service name.
        assertThat(endpoint).containsEntry("path", METRICS_PATH).containsEntry("honorLabels", true);
        for (ServiceModule service : ServiceModule.all()) {
            StatefulSet set = statefulSet(Overlay.PRODUCTION, service);
            Service headless = KubernetesObjects.named(objects, Service.class, set.getSpec().getServiceName());
            assertThat(headless.getSpec().getPorts()).as(headless.getMetadata().getName())
                    .filteredOn(port -> port.getName().equals(endpoint.get("port"))).singleElement()
                    .satisfies(port -> assertThat(port.getTargetPort()).isEqualTo(new IntOrString("http")));
            assertThat(headless.getMetadata().getLabels()).as("the job is named after the service")
                    .containsEntry(Tree.stringAt(monitor, "spec", "jobLabel"), service.name());
        }

        // A local cluster has no Prometheus Operator: a kind it does not know would fail the whole apply.
        assertThat(KubernetesObjects.ofKind(Overlay.LOCAL.objects(), GenericKubernetesResource.class)).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Overlay.class)
    void theNetworkPolicyLetsServicesReachEachOtherTheBrokerAndDnsOnly(Overlay overlay) {
        NetworkPolicy policy = KubernetesObjects.named(overlay.objects(), NetworkPolicy.class, "analytics-services");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        List<Rule> egress = egress(policy);
        assertThat(egress).as("peers, broker, DNS").hasSize(3);

        for (ServiceModule service : ServiceModule.all()) {
            Map<String, String> labels = statefulSet(overlay, service).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(labels).as("the policy applies to " + service.name())
                    .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
            // Every other service's internal port is reachable, and this one's from the others only.
            int internal = internalPort(service);
            assertThat(egress).anySatisfy(rule -> assertThat(rule.admits(labels, "TCP", internal)).isTrue());
            assertThat(ingress(policy)).anySatisfy(rule -> assertThat(rule.admits(labels, "TCP", internal)).isTrue());
            assertThat(ingress(policy)).filteredOn(rule -> rule.allowsPort("TCP", internal)).allSatisfy(rule ->
                    assertThat(rule.peers()).allSatisfy(peer -> assertThat(peer.getNamespaceSelector()).isNull()));
            // API clients reach the API port, not the internal one.
            assertThat(ingress(policy)).anySatisfy(rule -> assertThat(rule.allowsPort("TCP", service.port())
                    && rule.peers().stream().anyMatch(peer -> peer.getPodSelector() != null && "true".equals(
                    peer.getPodSelector().getMatchLabels().get("analytics.example.com/api-client")))).isTrue());
            for (String broker : SpringEnvironment.property(environment(overlay, service, 0), service,
                    "spring.kafka.bootstrap-servers").split(",")) {
                int port = Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
                assertThat(egress).as("egress to broker " + broker)
                        .anySatisfy(rule -> assertThat(rule.allowsPort("TCP", port)).isTrue());
            }
        }
        assertThat(egress).anySatisfy(rule -> {
            assertThat(rule.allowsPort("UDP", 53)).isTrue();
            assertThat(rule.allowsPort("TCP", 53)).isTrue();
        });
        assertThat(egress).as("no rule opens every port").allSatisfy(rule -> assertThat(rule.ports()).isNotEmpty());
    }

    @Test
    void theLocalOverlayRunsASingleNodeBrokerThatExactlyOnceWorksOn() {
        List<HasMetadata> objects = Overlay.LOCAL.objects();
        StatefulSet kafka = KubernetesObjects.named(objects, StatefulSet.class, "kafka");
        PodSpec spec = kafka.getSpec().getTemplate().getSpec();
        Container broker = spec.getContainers().get(0);
        Map<String, String> env = PodEnvironment.of(broker, "kafka-0", objects, Map.of());
        assertThat(broker.getImage()).isEqualTo("apache/kafka:4.1.2");
        assertThat(kafka.getSpec().getReplicas()).isEqualTo(1);
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        // The image turns every KAFKA_* variable into a setting and refuses KAFKA_PORT, which a Service named
        // 'kafka' would inject.
        assertThat(spec.getEnableServiceLinks()).isFalse();
        String claim = kafka.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName();
        assertThat(broker.getVolumeMounts()).anySatisfy(mount -> {
            assertThat(mount.getName()).isEqualTo(claim);
            assertThat(env.get("KAFKA_LOG_DIRS")).startsWith(mount.getMountPath() + "/");
        });

        // The services' bootstrap address is this broker's Service and what it advertises.
        ServiceModule any = ServiceModule.all().get(0);
        String bootstrap = SpringEnvironment.property(environment(Overlay.LOCAL, any, 0), any,
                "spring.kafka.bootstrap-servers");
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).isEqualTo("PLAINTEXT://" + bootstrap);
        String host = bootstrap.substring(0, bootstrap.indexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.indexOf(':') + 1));
        Service service = KubernetesObjects.named(objects, Service.class, host);
        assertThat(kafka.getSpec().getServiceName()).isEqualTo(host);
        assertThat(service.getSpec().getPorts()).extracting(ServicePort::getPort).contains(port);
        assertThat(kafka.getSpec().getTemplate().getMetadata().getLabels())
                .containsAllEntriesOf(service.getSpec().getSelector());

        // Its own NetworkPolicy admits the services.
        NetworkPolicy fence = KubernetesObjects.named(objects, NetworkPolicy.class, "kafka");
        for (ServiceModule module : ServiceModule.all()) {
            Map<String, String> labels = statefulSet(Overlay.LOCAL, module).getSpec().getTemplate().getMetadata().getLabels();
            assertThat(ingress(fence)).anySatisfy(rule -> assertThat(rule.admits(labels, "TCP", port)).isTrue());
        }
    }

    @Test
    void productionUsesAnExternalReplicatedClusterAndSpreadsInstancesOverNodes() {
        List<HasMetadata> objects = Overlay.PRODUCTION.objects();
        assertThat(KubernetesObjects.ofKind(objects, StatefulSet.class)).as("no broker of its own")
                .allSatisfy(set -> assertThat(set.getMetadata().getLabels())
                        .containsEntry("app.kubernetes.io/component", "analytics-service"));
        for (ServiceModule service : ServiceModule.all()) {
            String bootstrap = SpringEnvironment.property(environment(Overlay.PRODUCTION, service, 0), service,
                    "spring.kafka.bootstrap-servers");
            assertThat(bootstrap.split(",")).as("several brokers").hasSizeGreaterThanOrEqualTo(3)
                    .allSatisfy(broker -> assertThat(broker).contains("."));
            assertThat(streams(Overlay.PRODUCTION, service, 0).replicationFactor()).isEqualTo((short) 3);
            assertThat(podSpec(statefulSet(Overlay.PRODUCTION, service)).getTopologySpreadConstraints())
                    .singleElement().satisfies(spread -> {
                        assertThat(spread.getTopologyKey()).isEqualTo("kubernetes.io/hostname");
                        assertThat(spread.getMatchLabelKeys()).containsExactly("app.kubernetes.io/name");
                    });
        }
    }

    private static StatefulSet statefulSet(Overlay overlay, ServiceModule service) {
        return KubernetesObjects.named(overlay.objects(), StatefulSet.class, service.name());
    }

    private static PodSpec podSpec(StatefulSet set) {
        return set.getSpec().getTemplate().getSpec();
    }

    private static Container app(StatefulSet set) {
        assertThat(podSpec(set).getContainers()).as(set.getMetadata().getName()).hasSize(1);
        return podSpec(set).getContainers().get(0);
    }

    /** Every pod the overlay would run, services and others alike. */
    private static List<PodTemplateSpec> podTemplates(Overlay overlay) {
        List<PodTemplateSpec> templates = new ArrayList<>();
        KubernetesObjects.ofKind(overlay.objects(), StatefulSet.class).forEach(s -> templates.add(s.getSpec().getTemplate()));
        KubernetesObjects.ofKind(overlay.objects(), Deployment.class).forEach(d -> templates.add(d.getSpec().getTemplate()));
        return templates;
    }

    private static List<Container> containers(PodSpec spec) {
        return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream()).toList();
    }

    /** What the service's container sees in pod {@code <name>-<ordinal>}. */
    private static Map<String, String> environment(Overlay overlay, ServiceModule service, int ordinal) {
        return PodEnvironment.of(app(statefulSet(overlay, service)), service.name() + "-" + ordinal,
                overlay.objects(), IMAGE.environment());
    }

    private static AnalyticsStreamsProperties streams(Overlay overlay, ServiceModule service, int ordinal) {
        return SpringEnvironment.bind(environment(overlay, service, ordinal), service, "analytics.streams",
                AnalyticsStreamsProperties.class);
    }

    private static int containerPort(Container container, String name) {
        return container.getPorts().stream().filter(port -> port.getName().equals(name)).findFirst()
                .map(ContainerPort::getContainerPort)
                .orElseThrow(() -> new AssertionError(container.getName() + " has no port " + name));
    }

    private static void assertHttpProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort()).isEqualTo(new IntOrString("http"));
    }

    private static VolumeMount mountAt(Container container, String path) {
        return container.getVolumeMounts().stream().filter(mount -> mount.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(container.getName() + " mounts nothing at " + path));
    }

    /** The volume sources a volume sets: every field but its name. */
    private static Set<String> volumeTypes(Volume volume) {
        Set<String> fields = new TreeSet<>(KubernetesObjects.tree(volume).keySet());
        fields.remove("name");
        return fields;
    }

    /** The port of a service's routing endpoints: its API port + 1000. */
    private static int internalPort(ServiceModule service) {
        return service.port() + 1000;
    }

    private static List<Rule> egress(NetworkPolicy policy) {
        return policy.getSpec().getEgress().stream().map(rule -> new Rule(rule.getPorts(), rule.getTo())).toList();
    }

    private static List<Rule> ingress(NetworkPolicy policy) {
        return policy.getSpec().getIngress().stream().map(rule -> new Rule(rule.getPorts(), rule.getFrom())).toList();
    }

    private static Object privateStatic(Class<?> owner, String name) throws ReflectiveOperationException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(null);
    }

    /** An ingress or egress rule: ports, and the peers on the other side. */
    private record Rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers) {

        boolean allowsPort(String protocol, int port) {
            return ports.stream().anyMatch(allowed -> protocol.equals(allowed.getProtocol())
                    && allowed.getPort().getIntVal() != null
                    && allowed.getPort().getIntVal() <= port
                    && port <= Objects.requireNonNullElse(allowed.getEndPort(), allowed.getPort().getIntVal()));
        }

        /** Whether pods with these labels in the policy's own namespace are a peer of this rule on the port. */
        boolean admits(Map<String, String> labels, String protocol, int port) {
            return allowsPort(protocol, port) && peers.stream().anyMatch(peer -> peer.getIpBlock() == null
                    && peer.getNamespaceSelector() == null && peer.getPodSelector() != null
                    && labels.entrySet().containsAll(peer.getPodSelector().getMatchLabels().entrySet()));
        }
    }
}
