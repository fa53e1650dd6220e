package com.example.analytics.support.streams;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;

/**
 * Where the services keep their state stores ({@code analytics.streams.state-stores}); both kinds are changelogged,
 * so exactly-once and restores are the same. Kafka Streams' own {@code dsl.store.suppliers.class} only reaches DSL
 * stores, and every store here is added through the Processor API, so the choice is made here instead.
 *
 * <p>RocksDB, the default, keeps state on disk and holds only its memtables and caches in memory, so state can grow
 * beyond the heap and a restarted instance with its state directory reads only what it missed. In memory, state
 * lives on the heap: in the catch-up benchmark user-analytics and fraud spent half the CPU per event (one RocksDB
 * read and write per event cost more than everything else they do), at the price of a heap that grows with the
 * keys held and a full restore from the changelogs on every start (BENCHMARKS.md). Key-value stores in memory are
 * {@link SortedInMemoryStore}s, whose scans read only what they visit; the window store is Kafka Streams' own, which
 * is ordered by time first, so reading one key over many windows visits every window. Choose per service.
 */
public enum StateStores {

    ROCKSDB("rocksdb", Stores::persistentKeyValueStore,
            (name, retention, windowSize) -> Stores.persistentWindowStore(name, retention, windowSize, false)),

    IN_MEMORY("in-memory", SortedInMemoryStore::supplier,
            (name, retention, windowSize) -> Stores.inMemoryWindowStore(name, retention, windowSize, false));

    @FunctionalInterface
    private interface WindowSupplier {
        WindowBytesStoreSupplier create(String name, Duration retention, Duration windowSize);
    }

    private final String propertyValue;
    private final Function<String, KeyValueBytesStoreSupplier> keyValue;
    private final WindowSupplier window;

    StateStores(String propertyValue, Function<String, KeyValueBytesStoreSupplier> keyValue, WindowSupplier window) {
        this.propertyValue = propertyValue;
        this.keyValue = keyValue;
        this.window = window;
    }

    /** The kind whose {@link #propertyValue()} is {@code value}; empty for any other text. */
    public static Optional<StateStores> ofPropertyValue(String value) {
        return Stream.of(values()).filter(kind -> kind.propertyValue.equals(value)).findFirst();
    }

    /** How {@code analytics.streams.state-stores} spells this kind: {@code rocksdb} or {@code in-memory}. */
    public String propertyValue() {
        return propertyValue;
    }

    public KeyValueBytesStoreSupplier keyValue(String name) {
        return keyValue.apply(name);
    }

    /** A window store that keeps one value per key and window (no duplicates). */
    public WindowBytesStoreSupplier window(String name, Duration retention, Duration windowSize) {
        return window.create(name, retention, windowSize);
    }
}
