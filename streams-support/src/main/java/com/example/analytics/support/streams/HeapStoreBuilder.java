package com.example.analytics.support.streams;

import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.StoreBuilder;

/**
 * Builds a store that lives on a task's heap without a changelog of its own, because what it holds is derived from
 * changelogged stores and rebuilt or reloaded from them (a write-behind cache, a census of sessions). Asking it for a
 * changelog or a record cache is a mistake in the topology, refused at once.
 */
public final class HeapStoreBuilder<T extends StateStore> implements StoreBuilder<T> {

    private final String name;
    private final Supplier<T> store;

    public HeapStoreBuilder(String name, Supplier<T> store) {
        this.name = name;
        this.store = store;
    }

    @Override
    public StoreBuilder<T> withCachingEnabled() {
        throw new UnsupportedOperationException(name + " is on the heap already; it takes no record cache");
    }

    @Override
    public StoreBuilder<T> withCachingDisabled() {
        return this;
    }

    @Override
    public StoreBuilder<T> withLoggingEnabled(Map<String, String> config) {
        throw new UnsupportedOperationException(name + " is rebuilt from changelogged stores; it has no changelog");
    }

    @Override
    public StoreBuilder<T> withLoggingDisabled() {
        return this;
    }

    @Override
    public T build() {
        return store.get();
    }

    @Override
    public Map<String, String> logConfig() {
        return Map.of();
    }

    @Override
    public boolean loggingEnabled() {
        return false;
    }

    @Override
    public String name() {
        return name;
    }
}
