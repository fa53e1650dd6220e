package com.example.analytics.fraud.streams;

import com.example.analytics.model.Action;
import java.util.HexFormat;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The task's most recent alerts, a bounded ring in a key-value store ordered by event time (then action id), so
 * the newest are read first by iterating backwards and the oldest is the first key when one must go.
 */
final class RecentAlerts {

    private static final HexFormat HEX = HexFormat.of();

    private final KeyValueStore<String, Action> store;
    private final int capacity;
    private long size;

    RecentAlerts(KeyValueStore<String, Action> store, int capacity) {
        this.store = store;
        this.capacity = capacity;
        try (KeyValueIterator<String, Action> all = store.all()) {
            while (all.hasNext()) {
                all.next();
                size++;
            }
        }
    }

    void add(Action alert) {
        String key = key(alert);
        if (store.putIfAbsent(key, alert) != null) {
            return;
        }
        size++;
        while (size > capacity) {
            String oldest;
            try (KeyValueIterator<String, Action> all = store.all()) {
                oldest = all.next().key;
            }
            store.delete(oldest);
            size--;
        }
    }

    /** Event time first, as fixed-width hex of a non-negative number, so key order is time order. */
    static String key(Action alert) {
        return HEX.toHexDigits(Math.round(alert.timestamp() * 1000)) + "|" + alert.actionId();
    }
}
