package com.example.analytics.support.query;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A per-key interactive query: answered by the instance that owns the key's partition of {@code storeName},
 * proxied there from any other instance.
 *
 * @param name       identifies the query on the internal endpoint {@code /internal/key/{name}}
 * @param resultType what {@code reader} returns; remote answers are read back into it
 * @param reader     reads the key from the partition's stores; empty when the key is unknown
 */
public record KeyQuery<T>(String name, String storeName, Class<T> resultType, Reader<T> reader) {

    @FunctionalInterface
    public interface Reader<T> {
        Optional<T> read(StoreAccess stores, String key, Map<String, String> params);
    }

    public KeyQuery {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(storeName, "storeName");
        Objects.requireNonNull(resultType, "resultType");
        Objects.requireNonNull(reader, "reader");
    }
}
