package com.example.analytics.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * A kustomization of k8s/ rendered by {@code kubectl kustomize} and read as fabric8 Kubernetes model objects. Only
 * the kinds k8s/ is meant to contain are accepted, and a field the Kubernetes API does not have (a typo, a field at
 * the wrong level) is an error: fabric8 keeps unknown fields in {@code additionalProperties} instead of failing, so
 * every object is searched for a non-empty one. The Prometheus Operator's kinds have no model here: they are read as
 * generic resources whose metadata is checked, and the tests check what their specs say.
 */
final class KubernetesObjects {

    private static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Service", Service.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "apps/v1/Deployment", Deployment.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);
    private static final Set<String> CUSTOM_KINDS = Set.of(
            "monitoring.coreos.com/v1/ServiceMonitor",
            "monitoring.coreos.com/v1/PrometheusRule");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private KubernetesObjects() {
    }

    /** {@code kubectl kustomize} of a directory of the repository; the calling test is skipped without kubectl. */
    static List<HasMetadata> render(String kustomization) {
        ExternalTool kubectl = ExternalTool.required("kubectl");
        ExternalTool.Result result = kubectl.run(RepositoryFiles.root(), "kustomize", kustomization);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: " + result.stderr());
        }
        return parse(RepositoryFiles.yamlDocuments(result.stdout()).stream().map(Tree::map).toList());
    }

    private static List<HasMetadata> parse(List<Map<String, Object>> rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (Map<String, Object> tree : rendered) {
            String type = tree.get("apiVersion") + "/" + tree.get("kind");
            Class<? extends HasMetadata> kind = CUSTOM_KINDS.contains(type) ? GenericKubernetesResource.class
                    : KINDS.get(type);
            if (kind == null) {
                throw new IllegalArgumentException("unexpected kind " + type + " (" + id(tree) + ")");
            }
            HasMetadata object = JSON.convertValue(tree, kind);
            // A generic resource keeps all but its metadata in additionalProperties.
            List<String> unknown = unknownFields(kind == GenericKubernetesResource.class ? object.getMetadata() : object,
                    id(tree));
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("fields the Kubernetes API does not have: " + unknown);
            }
            objects.add(object);
        }
        return objects;
    }

    /** The objects of a custom kind, each as the tree it was written as. */
    static List<Map<String, Object>> custom(List<HasMetadata> objects, String kind) {
        return ofKind(objects, GenericKubernetesResource.class).stream()
                .filter(object -> object.getKind().equals(kind)).map(KubernetesObjects::tree).toList();
    }

    static <T extends HasMetadata> List<T> ofKind(List<HasMetadata> objects, Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    static <T extends HasMetadata> T named(List<HasMetadata> objects, Class<T> kind, String name) {
        return ofKind(objects, kind).stream().filter(object -> object.getMetadata().getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " named " + name));
    }

    /** A model object back as the tree it would be written as. */
    static Map<String, Object> tree(Object object) {
        return Tree.map(JSON.convertValue(object, Map.class));
    }

    /** apiVersion/kind/namespace/name: what identifies an object in a render. */
    private static String id(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind") + "/"
                + Objects.requireNonNullElse(Tree.at(object, "metadata", "namespace"), "") + "/"
                + Tree.at(object, "metadata", "name");
    }

    /** Paths of every non-empty {@code additionalProperties} in a fabric8 object graph. */
    static List<String> unknownFields(Object node, String path) {
        if (node == null || node instanceof String || node instanceof Number || node instanceof Boolean
                || node instanceof Enum<?>) {
            return List.of();
        }
        if (node instanceof Collection<?> collection) {
            List<String> unknown = new ArrayList<>();
            int i = 0;
            for (Object element : collection) {
                unknown.addAll(unknownFields(element, path + "[" + i++ + "]"));
            }
            return unknown;
        }
        if (node instanceof Map<?, ?> map) {
            return map.entrySet().stream()
                    .flatMap(entry -> unknownFields(entry.getValue(), path + "." + entry.getKey()).stream())
                    .toList();
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            throw new IllegalArgumentException(path + ": unexpected " + node.getClass());
        }
        List<String> unknown = new ArrayList<>();
        for (Field field : fields(node.getClass())) {
            Object value = read(field, node);
            if (field.getName().equals("additionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                unknown.addAll(unknownFields(value, path + "." + field.getName()));
            }
        }
        return unknown;
    }

    private static List<Field> fields(Class<?> type) {
        return Stream.<Class<?>>iterate(type, c -> c != null && c != Object.class, Class::getSuperclass)
                .flatMap(c -> Stream.of(c.getDeclaredFields()))
                .filter(field -> !Modifier.isStatic(field.getModifiers()))
                .toList();
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
