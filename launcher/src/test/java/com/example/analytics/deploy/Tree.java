package com.example.analytics.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Navigation in parsed YAML/JSON: maps, lists and scalars, with a message naming the path when a shape is wrong. */
final class Tree {

    private Tree() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map<?, ?>)) {
            throw new IllegalArgumentException("expected a mapping, found " + describe(node));
        }
        return (Map<String, Object>) node;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List<?>)) {
            throw new IllegalArgumentException("expected a sequence, found " + describe(node));
        }
        return (List<Object>) node;
    }

    /** The node at a path of keys, or null where the path ends early. */
    static Object at(Object root, String... keys) {
        Object node = root;
        for (String key : keys) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(key);
        }
        return node;
    }

    static Map<String, Object> mapAt(Object root, String... keys) {
        Object node = at(root, keys);
        if (node == null) {
            throw new IllegalArgumentException("nothing at " + String.join(".", keys));
        }
        return map(node);
    }

    static String stringAt(Object root, String... keys) {
        Object node = at(root, keys);
        return node == null ? null : String.valueOf(node);
    }

    /** A deep copy of maps and lists (scalars are immutable), so transformations never touch their input. */
    @SuppressWarnings("unchecked")
    static <T> T copy(T node) {
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((key, value) -> copy.put((String) key, copy(value)));
            return (T) copy;
        }
        if (node instanceof List<?> list) {
            return (T) new ArrayList<>(list.stream().map(Tree::copy).toList());
        }
        return node;
    }

    private static String describe(Object node) {
        return node == null ? "nothing" : node.getClass().getSimpleName() + " " + node;
    }
}
