package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Every environment variable docker-compose.yml and k8s/ give a service is one the service binds: a misspelt name
 * would be ignored by Spring without a word, and the service would run on a default.
 */
class DeploymentEnvironmentTest {

    /** Set in k8s/ only to be expanded into another variable's value (the pod's DNS name). */
    private static final String POD_NAME = "POD_NAME";

    @Test
    void variableNamesFollowSpringBootsDocumentedRule() {
        assertThat(SpringEnvironment.variableName("analytics.fraud.excessive-activity.threshold"))
                .isEqualTo("ANALYTICS_FRAUD_EXCESSIVEACTIVITY_THRESHOLD");
        assertThat(SpringEnvironment.variableName("spring.kafka.bootstrap-servers"))
                .isEqualTo("SPRING_KAFKA_BOOTSTRAPSERVERS");
        assertThat(SpringEnvironment.variableName("server.port")).isEqualTo("SERVER_PORT");
        assertThatThrownBy(() -> SpringEnvironment.variableName("spring.kafka.properties[sasl.mechanism]"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void springBindsEveryPropertyOfTheServicesFromItsVariableName() {
        List<ServiceModule.Property> properties = new ArrayList<>(ServiceModule.streamsProperties());
        ServiceModule.all().forEach(service -> properties.addAll(service.ownProperties()));
        assertThat(properties).hasSizeGreaterThan(40);
        for (ServiceModule.Property property : properties) {
            String variable = SpringEnvironment.variableName(property.name());
            assertThat(SpringEnvironment.binds(variable, property.name())).as(variable + " -> " + property.name())
                    .isTrue();
            assertThat(SpringEnvironment.binds(variable + "X", property.name())).as("a near miss binds nothing")
                    .isFalse();
        }
    }

    @Test
    void everyVariableInDockerComposeIsOneTheServicesBind() {
        Map<String, Object> services = Tree.mapAt(RepositoryFiles.yaml("docker-compose.yml"), "services");
        for (ServiceModule service : ServiceModule.all()) {
            assertBound(service.name() + " in docker-compose.yml",
                    Tree.mapAt(services, service.name(), "environment").keySet());
        }
    }

    @Test
    void everyVariableInTheKubernetesManifestsIsOneTheServicesBind() {
        for (String overlay : List.of("k8s/overlays/local", "k8s/overlays/production")) {
            List<HasMetadata> objects = KubernetesObjects.render(overlay);
            for (ServiceModule service : ServiceModule.all()) {
                Container app = KubernetesObjects.named(objects, StatefulSet.class, service.name())
                        .getSpec().getTemplate().getSpec().getContainers().get(0);
                SortedSet<String> variables = new TreeSet<>();
                app.getEnvFrom().forEach(source -> variables.addAll(KubernetesObjects.named(objects,
                        ConfigMap.class, source.getConfigMapRef().getName()).getData().keySet()));
                app.getEnv().stream().map(EnvVar::getName).forEach(variables::add);
                assertThat(app.getEnv()).as("%s is only there to be expanded", POD_NAME)
                        .anySatisfy(env -> assertThat(env.getValue()).contains("$(" + POD_NAME + ")"));
                variables.remove(POD_NAME);
                assertBound(service.name() + " in " + overlay, variables);
            }
        }
    }

    /** Each variable maps, by Spring's own environment mapping, to a property some jar of the service documents. */
    private static void assertBound(String where, Iterable<String> variables) {
        Map<String, String> known = new TreeMap<>();
        for (String property : ServiceModule.everyKnownProperty()) {
            if (property.matches("[a-z0-9.-]+")) {
                known.put(SpringEnvironment.variableName(property), property);
            }
        }
        for (String variable : variables) {
            assertThat(known).as(where).containsKey(variable);
            assertThat(SpringEnvironment.binds(variable, known.get(variable))).as(where + ": " + variable).isTrue();
        }
    }
}
