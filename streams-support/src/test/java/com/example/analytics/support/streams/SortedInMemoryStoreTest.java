package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;

class SortedInMemoryStoreTest {

    private final KeyValueStore<Bytes, byte[]> store = SortedInMemoryStore.supplier("sorted").get();

    @Test
    void rangesAreInclusiveOrderedEitherWayAndEmptyWhenGivenTheWrongWayRound() {
        for (String key : List.of("a", "b", "ba", "c", "d")) {
            store.put(bytes(key), value(key.toUpperCase()));
        }

        assertThat(keys(store.range(bytes("b"), bytes("c")))).containsExactly("b", "ba", "c");
        assertThat(keys(store.reverseRange(bytes("b"), bytes("c")))).containsExactly("c", "ba", "b");
        assertThat(keys(store.range(null, bytes("b")))).containsExactly("a", "b");
        assertThat(keys(store.range(bytes("c"), null))).containsExactly("c", "d");
        assertThat(keys(store.range(bytes("d"), bytes("a")))).isEmpty();
        assertThat(keys(store.prefixScan("b", new StringSerializer()))).containsExactly("b", "ba");
        assertThat(keys(store.reverseAll())).containsExactly("d", "c", "ba", "b", "a");
    }

    @Test
    void aScanGoesOnWhileItsOwnThreadChangesTheStore() {
        for (int i = 0; i < 100; i++) {
            store.put(bytes(String.format("k%03d", i)), value("v"));
        }
        List<String> seen = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = store.all()) {
            while (all.hasNext()) {
                String key = new String(all.next().key.get(), StandardCharsets.UTF_8);
                seen.add(key);
                // what the fraud sweep does: delete what it visited, write what it changed
                store.delete(bytes(key));
                if (seen.size() == 50) {
                    store.put(bytes("k999"), value("late"));
                }
            }
        }
        assertThat(seen).hasSize(101).startsWith("k000").endsWith("k999");
        assertThat(store.approximateNumEntries()).isZero();
    }

    @Test
    void aNullValueRemovesTheKey() {
        store.put(bytes("a"), value("A"));
        store.put(bytes("a"), null);

        assertThat(store.get(bytes("a"))).isNull();
        assertThat(store.putIfAbsent(bytes("a"), value("B"))).isNull();
        assertThat(store.putIfAbsent(bytes("a"), value("C"))).isEqualTo(value("B"));
    }

    private static List<String> keys(KeyValueIterator<Bytes, byte[]> iterator) {
        List<String> keys = new ArrayList<>();
        try (iterator) {
            iterator.forEachRemaining(entry -> keys.add(new String(entry.key.get(), StandardCharsets.UTF_8)));
        }
        return keys;
    }

    private static byte[] value(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static Bytes bytes(String text) {
        return Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
