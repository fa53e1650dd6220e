package com.example.analytics.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a kustomization the way {@code kubectl kustomize} does, for exactly the features k8s/ uses, so the
 * manifests are checked on a machine without kubectl. A kustomization field, a patch directive or a patched list it
 * does not know is an error, not a silent difference; DeploymentKustomizeTest compares the output with kubectl's
 * wherever kubectl is installed.
 *
 * <p>Supported: {@code resources} (files and directories), {@code patches} (strategic merge, by the patch's own
 * kind and name or by a {@code target} of kind, name and equality label selector), {@code namespace},
 * {@code images} ({@code newName}, {@code newTag}) and {@code replicas}, applied in that order after the resources.
 */
final class Kustomize {

    private static final Set<String> FIELDS =
            Set.of("apiVersion", "kind", "namespace", "resources", "patches", "replicas", "images");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "PersistentVolume", "StorageClass", "PriorityClass", "CustomResourceDefinition");
    private static final Set<String> SCALABLE = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");
    /** Lists a strategic merge patch merges element by element, and their keys (Kubernetes' patchMergeKey). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "volumes", "name",
            "volumeMounts", "mountPath",
            "env", "name",
            "ports", "containerPort",
            "topologySpreadConstraints", "topologyKey");
    /** Lists of objects a strategic merge patch replaces whole (no patchMergeKey in the Kubernetes API). */
    private static final Set<String> REPLACED_LISTS = Set.of("volumeClaimTemplates");

    private Kustomize() {
    }

    static List<Map<String, Object>> render(Path directory) {
        Map<String, Object> kustomization = Tree.map(RepositoryFiles.yamlDocuments(
                directory.resolve("kustomization.yaml")).get(0));
        Set<String> unknown = new HashSet<>(kustomization.keySet());
        unknown.removeAll(FIELDS);
        if (!unknown.isEmpty()) {
            throw new UnsupportedOperationException(directory + ": kustomization fields " + unknown
                    + " are not supported by this renderer");
        }
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : listOrEmpty(kustomization.get("resources"))) {
            Path path = directory.resolve((String) resource).normalize();
            if (Files.isDirectory(path)) {
                objects.addAll(render(path));
            } else {
                RepositoryFiles.yamlDocuments(path).forEach(document -> objects.add(Tree.map(document)));
            }
        }
        for (Object patch : listOrEmpty(kustomization.get("patches"))) {
            applyPatch(directory, Tree.map(patch), objects);
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            objects.stream().filter(object -> !CLUSTER_SCOPED.contains(object.get("kind")))
                    .forEach(object -> Tree.mapAt(object, "metadata").put("namespace", namespace));
        }
        for (Object image : listOrEmpty(kustomization.get("images"))) {
            setImage(Tree.map(image), objects);
        }
        for (Object replicas : listOrEmpty(kustomization.get("replicas"))) {
            setReplicas(Tree.map(replicas), objects);
        }
        return objects;
    }

    /** A strategic merge patch of {@code patch} into a copy of {@code target}. */
    static Map<String, Object> strategicMerge(Map<String, Object> target, Map<String, Object> patch) {
        Map<String, Object> result = Tree.copy(target);
        mergeInto(result, patch);
        return result;
    }

    private static void applyPatch(Path directory, Map<String, Object> entry, List<Map<String, Object>> objects) {
        if (!Set.of("path", "target").containsAll(entry.keySet()) || entry.get("path") == null) {
            throw new UnsupportedOperationException("only 'path' patches with an optional 'target': " + entry);
        }
        List<Object> documents = RepositoryFiles.yamlDocuments(directory.resolve((String) entry.get("path")));
        if (documents.size() != 1) {
            throw new UnsupportedOperationException(entry.get("path") + ": one strategic merge patch per file");
        }
        Map<String, Object> patch = Tree.copy(Tree.map(documents.get(0)));
        if (entry.get("target") == null && Tree.at(patch, "metadata", "name") == null) {
            throw new IllegalArgumentException(entry.get("path") + ": a patch without a target needs a name");
        }
        Map<String, Object> target = entry.get("target") == null
                ? Map.of("kind", patch.get("kind"), "name", Tree.at(patch, "metadata", "name"))
                : Tree.map(entry.get("target"));
        if (entry.get("target") != null) {
            // With a target the patch applies to every match; its own name is only a placeholder.
            Tree.mapAt(patch, "metadata").remove("name");
        }
        int matched = 0;
        for (int i = 0; i < objects.size(); i++) {
            if (matches(target, objects.get(i), patch)) {
                objects.set(i, strategicMerge(objects.get(i), patch));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalStateException(directory + ": patch " + entry.get("path") + " matches nothing");
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> object,
                                   Map<String, Object> patch) {
        Set<String> known = Set.of("kind", "name", "labelSelector");
        if (!known.containsAll(target.keySet())) {
            throw new UnsupportedOperationException("patch target fields " + target.keySet());
        }
        Object patchNamespace = Tree.at(patch, "metadata", "namespace");
        return Objects.equals(target.get("kind"), object.get("kind"))
                && (target.get("name") == null || target.get("name").equals(Tree.at(object, "metadata", "name")))
                && (patchNamespace == null || patchNamespace.equals(Tree.at(object, "metadata", "namespace")))
                && (target.get("labelSelector") == null
                        || selects((String) target.get("labelSelector"), Tree.at(object, "metadata", "labels")));
    }

    private static boolean selects(String selector, Object labels) {
        for (String requirement : selector.split(",")) {
            String[] pair = requirement.split("=");
            if (pair.length != 2 || requirement.contains("!") || requirement.contains("==")) {
                throw new UnsupportedOperationException("only equality label selectors: " + selector);
            }
            if (!(labels instanceof Map<?, ?> map) || !pair[1].trim().equals(map.get(pair[0].trim()))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static void mergeInto(Map<String, Object> target, Map<String, Object> patch) {
        patch.forEach((key, value) -> {
            if (key.startsWith("$")) {
                throw new UnsupportedOperationException("patch directive " + key);
            }
            Object current = target.get(key);
            if (value == null) {
                target.remove(key);
            } else if (value instanceof Map<?, ?> patchMap && current instanceof Map<?, ?> currentMap) {
                mergeInto((Map<String, Object>) currentMap, (Map<String, Object>) patchMap);
            } else if (value instanceof List<?> patchList && current instanceof List<?> currentList
                    && patchList.stream().anyMatch(Map.class::isInstance)) {
                target.put(key, mergeList(key, (List<Object>) currentList, (List<Object>) patchList));
            } else {
                target.put(key, Tree.copy(value));
            }
        });
    }

    /**
     * The patch's elements in patch order, each merged into the element with the same key where there is one, then
     * the elements the patch does not mention, in their order: where kustomize puts them.
     */
    private static List<Object> mergeList(String field, List<Object> current, List<Object> patch) {
        if (REPLACED_LISTS.contains(field)) {
            return Tree.copy(patch);
        }
        String key = MERGE_KEYS.get(field);
        if (key == null) {
            throw new UnsupportedOperationException("strategic merge of list '" + field + "' is not supported");
        }
        List<Object> remaining = Tree.copy(current);
        List<Object> merged = new ArrayList<>();
        for (Object element : patch) {
            Object id = Tree.map(element).get(key);
            Map<String, Object> existing = remaining.stream().map(Tree::map)
                    .filter(candidate -> Objects.equals(id, candidate.get(key)))
                    .findFirst().orElse(null);
            if (existing == null) {
                merged.add(Tree.copy(element));
            } else {
                remaining.removeIf(candidate -> candidate == existing);
                mergeInto(existing, Tree.map(element));
                merged.add(existing);
            }
        }
        merged.addAll(remaining);
        return merged;
    }

    private static void setImage(Map<String, Object> image, List<Map<String, Object>> objects) {
        if (!Set.of("name", "newName", "newTag").containsAll(image.keySet())) {
            throw new UnsupportedOperationException("image fields " + image.keySet());
        }
        int matched = 0;
        for (Map<String, Object> object : objects) {
            for (Map<String, Object> container : containers(object)) {
                String reference = (String) container.get("image");
                int tagAt = reference.lastIndexOf(':') > reference.lastIndexOf('/') ? reference.lastIndexOf(':') : -1;
                String name = tagAt < 0 ? reference : reference.substring(0, tagAt);
                String tag = tagAt < 0 ? null : reference.substring(tagAt + 1);
                if (name.equals(image.get("name"))) {
                    String newName = image.get("newName") == null ? name : (String) image.get("newName");
                    Object newTag = image.get("newTag") == null ? tag : image.get("newTag");
                    container.put("image", newTag == null ? newName : newName + ":" + newTag);
                    matched++;
                }
            }
        }
        if (matched == 0) {
            throw new IllegalStateException("image " + image.get("name") + " is used by no container");
        }
    }

    private static List<Map<String, Object>> containers(Map<String, Object> object) {
        Object podSpec = Tree.at(object, "spec", "template", "spec");
        List<Map<String, Object>> containers = new ArrayList<>();
        for (String field : List.of("initContainers", "containers")) {
            listOrEmpty(Tree.at(podSpec, field)).forEach(container -> containers.add(Tree.map(container)));
        }
        return containers;
    }

    private static void setReplicas(Map<String, Object> replicas, List<Map<String, Object>> objects) {
        List<Map<String, Object>> targets = objects.stream()
                .filter(object -> SCALABLE.contains(object.get("kind")))
                .filter(object -> replicas.get("name").equals(Tree.at(object, "metadata", "name")))
                .toList();
        if (targets.isEmpty()) {
            throw new IllegalStateException("replicas for " + replicas.get("name") + ", which is not a workload");
        }
        targets.forEach(object -> Tree.mapAt(object, "spec").put("replicas", replicas.get("count")));
    }

    private static List<Object> listOrEmpty(Object node) {
        return node == null ? List.of() : Tree.list(node);
    }

    /** kind/namespace/name: how kustomize identifies an object, for comparing renders. */
    static String id(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind") + "/"
                + Objects.requireNonNullElse(Tree.at(object, "metadata", "namespace"), "") + "/"
                + Tree.at(object, "metadata", "name");
    }

    /** The render as a map from {@link #id} to object, refusing duplicates as kustomize does. */
    static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects) {
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> object : objects) {
            if (byId.put(id(object), object) != null) {
                throw new IllegalStateException("two objects " + id(object));
            }
        }
        return byId;
    }
}
