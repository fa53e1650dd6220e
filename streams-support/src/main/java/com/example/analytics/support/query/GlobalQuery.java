package com.example.analytics.support.query;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A query over all keys of {@code storeName}: each partition is read where it is active, and the partial results
 * are merged, first per instance and then across instances. {@code merge} must therefore be associative and must
 * accept a single partial.
 *
 * @param name identifies the query on the internal endpoint {@code /internal/global/{name}}
 */
public record GlobalQuery<T>(String name, String storeName, Class<T> resultType, PartitionReader<T> reader,
                             Merger<T> merger) {

    @FunctionalInterface
    public interface PartitionReader<T> {
        T read(StoreAccess stores, Map<String, String> params);
    }

    @FunctionalInterface
    public interface Merger<T> {
        T merge(List<T> partials, Map<String, String> params);
    }

    public GlobalQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(merger, "merger");
    }
}
