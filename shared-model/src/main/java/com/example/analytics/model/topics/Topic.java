package com.example.analytics.model.topics;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic of the platform, declared once with its serdes, so no other code spells a topic name or picks a serde.
 *
 * @param configs topic-level configs applied when the topic is created
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> configs) {

    @Override
    public String toString() {
        return name;
    }
}
