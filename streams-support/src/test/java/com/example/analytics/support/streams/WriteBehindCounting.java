package com.example.analytics.support.streams;

import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Counts records per key through a {@link WriteBehindCache} in front of a changelogged store, the way the services
 * keep hot state; a value {@code "-"} removes the key. {@code failOn} lets a test crash the stream thread on a
 * record of its choosing.
 */
final class WriteBehindCounting {

    static final String STORE = "wb-counts";
    static final String CACHE = "wb-counts-cache";

    private WriteBehindCounting() {
    }

    static Topology build(String topic, StateStores kind, int maxEntries, Predicate<String> failOn) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(kind.keyValue(STORE), Serdes.String(), Serdes.Long())
                .withCachingDisabled());
        builder.addStateStore(WriteBehindCache.<String, Long>builder(CACHE, maxEntries));
        builder.stream(topic, Consumed.with(Serdes.String(), Serdes.String()))
                .process(() -> new Count(failOn), STORE, CACHE);
        return builder.build();
    }

    private static final class Count implements Processor<String, String, Void, Void> {
        private final Predicate<String> failOn;
        private WriteBehindCache<String, Long> counts;

        Count(Predicate<String> failOn) {
            this.failOn = failOn;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            KeyValueStore<String, Long> store = context.getStateStore(STORE);
            counts = context.getStateStore(CACHE);
            counts.attach(store::get, (key, count) -> {
                if (count == null) {
                    store.delete(key);
                } else {
                    store.put(key, count);
                }
            });
        }

        @Override
        public void process(Record<String, String> record) {
            if (failOn.test(record.value())) {
                throw new IllegalStateException("the test crashes the stream thread here");
            }
            if (record.value().equals("-")) {
                counts.remove(record.key());
                return;
            }
            Long count = counts.get(record.key());
            counts.put(record.key(), count == null ? 1 : count + 1);
        }
    }
}
