package com.example.analytics.support.streams;

import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.BatchingStateRestoreCallback;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * A key-value store on the heap whose range iterators walk the live map. Kafka Streams' own in-memory store copies
 * every key of a range into a new sorted set when an iterator opens, so that interactive queries never see a
 * concurrent change; a scan that reads a few entries from a position then costs time in proportion to all the keys
 * after it (fraud's idle-user sweep reads a slice per tick, and with a million users each slice copied the rest of
 * the store). A concurrent skip list gives the same sorted order with iterators that see a consistent entry at a
 * time and never fail on a concurrent change, which is all a query needs: it reads each key once.
 *
 * <p>Changelogging and caching come from the store builder wrapped around it, as for any store supplier. Offset
 * positions for interactive-query consistency vectors are not tracked.
 */
final class SortedInMemoryStore implements KeyValueStore<Bytes, byte[]> {

    private final String name;
    /** Kafka's own order of keys (unsigned bytes), compared with the JDK's vectorised array comparison. */
    private static final Comparator<Bytes> KEY_ORDER = (a, b) -> Arrays.compareUnsigned(a.get(), b.get());

    private final NavigableMap<Bytes, byte[]> map = new ConcurrentSkipListMap<>(KEY_ORDER);
    private final Position position = Position.emptyPosition();
    private volatile boolean open;

    private SortedInMemoryStore(String name) {
        this.name = name;
    }

    static KeyValueBytesStoreSupplier supplier(String name) {
        return new KeyValueBytesStoreSupplier() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public KeyValueStore<Bytes, byte[]> get() {
                return new SortedInMemoryStore(name);
            }

            @Override
            public String metricsScope() {
                return "in-memory";
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        map.clear();
        context.register(root, (BatchingStateRestoreCallback) this::restore);
        open = true;
    }

    private void restore(Collection<KeyValue<byte[], byte[]>> records) {
        for (KeyValue<byte[], byte[]> record : records) {
            put(Bytes.wrap(record.key), record.value);
        }
    }

    @Override
    public byte[] get(Bytes key) {
        return map.get(key);
    }

    @Override
    public void put(Bytes key, byte[] value) {
        if (value == null) {
            map.remove(key);
        } else {
            map.put(key, value);
        }
    }

    @Override
    public byte[] putIfAbsent(Bytes key, byte[] value) {
        byte[] existing = map.get(key);
        if (existing == null) {
            put(key, value);
        }
        return existing;
    }

    @Override
    public void putAll(List<KeyValue<Bytes, byte[]>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public byte[] delete(Bytes key) {
        return map.remove(key);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> range(Bytes from, Bytes to) {
        return iterator(view(from, to));
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseRange(Bytes from, Bytes to) {
        return iterator(view(from, to).descendingMap());
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> all() {
        return iterator(map);
    }

    @Override
    public KeyValueIterator<Bytes, byte[]> reverseAll() {
        return iterator(map.descendingMap());
    }

    @Override
    public <PS extends Serializer<P>, P> KeyValueIterator<Bytes, byte[]> prefixScan(P prefix, PS prefixKeySerializer) {
        Bytes from = Bytes.wrap(prefixKeySerializer.serialize(null, prefix));
        return iterator(map.subMap(from, true, Bytes.increment(from), false));
    }

    private NavigableMap<Bytes, byte[]> view(Bytes from, Bytes to) {
        if (from != null && to != null && KEY_ORDER.compare(from, to) > 0) {
            // As Kafka Streams' own stores answer a range given the wrong way round.
            return new ConcurrentSkipListMap<>(KEY_ORDER);
        }
        if (from == null) {
            return to == null ? map : map.headMap(to, true);
        }
        return to == null ? map.tailMap(from, true) : map.subMap(from, true, to, true);
    }

    private static KeyValueIterator<Bytes, byte[]> iterator(NavigableMap<Bytes, byte[]> view) {
        Iterator<Map.Entry<Bytes, byte[]>> entries = view.entrySet().iterator();
        return new KeyValueIterator<>() {
            private Map.Entry<Bytes, byte[]> next;

            @Override
            public boolean hasNext() {
                if (next == null && entries.hasNext()) {
                    next = entries.next();
                }
                return next != null;
            }

            @Override
            public KeyValue<Bytes, byte[]> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                KeyValue<Bytes, byte[]> result = KeyValue.pair(next.getKey(), next.getValue());
                next = null;
                return result;
            }

            @Override
            public Bytes peekNextKey() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return next.getKey();
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public long approximateNumEntries() {
        return map.size();
    }

    @Override
    public Position getPosition() {
        return position;
    }

    @Override
    public void flush() {
        // nothing to write: the changelog is the durable copy
    }

    @Override
    public void close() {
        map.clear();
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
}
