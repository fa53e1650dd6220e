package com.example.analytics.support.streams;

import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * Deserialized values of a task's keys, kept on the heap between commits and written to the changelogged stores
 * behind them when Kafka Streams flushes its caches, which it does before every commit. A hot key is then read and
 * written in memory on every event and serialized and logged once per commit, while what is committed is exactly
 * what was processed: under exactly-once the writes land in the same transaction as the input offsets, so a crash
 * neither loses nor repeats an update.
 *
 * <p>It is a state store of its own (without changelog) only to be told about commits: Kafka Streams calls
 * {@code flushCache()} on every store that is a {@link CachedStateStore} before it flushes the producer and commits
 * (its own record cache works the same way), while {@link StateStore#flush()} comes only with checkpoints, which
 * under exactly-once are not taken at every commit. That interface is in Kafka Streams' internal package; the
 * crash tests of this module and of the services are what proves that the contract still holds after an upgrade.
 *
 * <p>The processor {@link #attach attaches} how a value is loaded from its stores and written back to them. Those
 * stores must have Kafka Streams' record cache off: this cache is flushed in no particular order with the others,
 * and a write into a record cache already flushed would wait for the next commit. Values are live objects: a
 * processor that changes one must {@link #put} it again, or the change is never written. Only the stream thread
 * uses it; interactive queries read the stores behind it, which are at most one commit behind.
 *
 * <p>At most {@code maxEntries} values stay on the heap after a flush, the most recently used; between two commits
 * it also holds every key the task touched since the last one.
 */
public final class WriteBehindCache<K, V> implements StateStore, CachedStateStore<K, V> {

    /** Reads a key's value from the stores behind the cache; null when the key has none. */
    @FunctionalInterface
    public interface Loader<K, V> {
        V load(K key);
    }

    /** Writes a key's value to the stores behind the cache; {@code value} is null when the key was removed. */
    @FunctionalInterface
    public interface Writer<K, V> {
        void write(K key, V value);
    }

    private final String name;
    private final int maxEntries;
    /** In access order, so the least recently used come first when the cache is trimmed. */
    private final LinkedHashMap<K, V> values = new LinkedHashMap<>(64, 0.75f, true);
    private final Set<K> dirty = new HashSet<>();
    /** Keys known to have no value in the stores behind: removing one of them needs no tombstone there. */
    private final Set<K> absentBehind = new HashSet<>();
    private Loader<K, V> loader;
    private Writer<K, V> writer;
    private boolean open;

    private WriteBehindCache(String name, int maxEntries) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        this.name = name;
        this.maxEntries = maxEntries;
    }

    /** A builder for the topology: the cache has no changelog of its own, the stores behind it have theirs. */
    public static <K, V> StoreBuilder<WriteBehindCache<K, V>> builder(String name, int maxEntries) {
        return new HeapStoreBuilder<>(name, () -> new WriteBehindCache<>(name, maxEntries));
    }

    /** Called from the processor's {@code init}, after its stores are available. */
    public void attach(Loader<K, V> loader, Writer<K, V> writer) {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.writer = Objects.requireNonNull(writer, "writer");
    }

    /** The key's value, loaded from the stores behind on first use; null when it has none. */
    public V get(K key) {
        V value = values.get(key);
        if (value == null && !values.containsKey(key)) {
            value = loader().load(key);
            values.put(key, value);
            if (value == null) {
                absentBehind.add(key);
            }
        }
        return value;
    }

    /** Calls {@code action} with every key that has a value on the heap; a cache never trimmed holds them all. */
    public void forEach(BiConsumer<K, V> action) {
        for (Map.Entry<K, V> entry : values.entrySet()) {
            if (entry.getValue() != null) {
                action.accept(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Sets the key's value (or confirms a change made to the live value) to be written at the next flush. */
    public void put(K key, V value) {
        values.put(key, Objects.requireNonNull(value, "value"));
        dirty.add(key);
    }

    /** Removes the key, from the stores behind too at the next flush. */
    public void remove(K key) {
        values.put(key, null);
        if (absentBehind.contains(key)) {
            dirty.remove(key);
        } else {
            dirty.add(key);
        }
    }

    /** Writes every changed value to the stores behind, then trims the cache to its size. */
    @Override
    public void flushCache() {
        if (!dirty.isEmpty()) {
            Writer<K, V> write = writer();
            for (K key : dirty) {
                V value = values.get(key);
                write.write(key, value);
                if (value == null) {
                    absentBehind.add(key);
                } else {
                    absentBehind.remove(key);
                }
            }
            dirty.clear();
        }
        Iterator<Map.Entry<K, V>> eldest = values.entrySet().iterator();
        while (values.size() > maxEntries && eldest.hasNext()) {
            absentBehind.remove(eldest.next().getKey());
            eldest.remove();
        }
    }

    /** Forgets everything unwritten: the task's state is being rebuilt from the changelogs. */
    @Override
    public void clearCache() {
        values.clear();
        dirty.clear();
        absentBehind.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<K, V> listener, boolean sendOldValues) {
        // Nothing downstream is fed from this cache.
        return false;
    }

    /** For tests and sizing: values on the heap, changed or not. */
    public int size() {
        return values.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        clearCache();
        context.register(root, (key, value) -> {
            throw new IllegalStateException(name + " has no changelog to restore from");
        });
        open = true;
    }

    /** Also at checkpoints: nothing changed may stay behind when the checkpoint says the stores are current. */
    @Override
    public void flush() {
        flushCache();
    }

    @Override
    public void close() {
        clearCache();
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    private Loader<K, V> loader() {
        if (loader == null) {
            throw new IllegalStateException(name + " is used before its processor attached a loader and a writer");
        }
        return loader;
    }

    private Writer<K, V> writer() {
        loader();
        return writer;
    }
}
