package com.example.analytics.trend.streams;

import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.Outputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.window.SecondCounts;
import com.example.analytics.trend.TrendProperties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * Events of both topics become trend keys ({@code user_<event_type>}, {@code product_<event_type>}). Every event
 * hits one of a handful of keys, so re-keying each event would push all traffic through a few partitions: each
 * source task first counts per key and second, and only those partial counts are re-keyed and summed.
 */
public final class TrendTopology {

    public static final String TRENDS_STORE = "trends";
    static final String PARTIALS_STORE_PREFIX = "trend-partials-";

    private TrendTopology() {
    }

    public static Topology build(TrendProperties properties, TopologyEnvironment env) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, String> userKeys = Inputs.userEvents(builder, env)
                .mapValues(event -> trendKey(Topics.USER_EVENTS.name(), event.eventType()), Named.as("user-trend-key"));
        KStream<String, String> productKeys = Inputs.productEvents(builder, env)
                .mapValues(event -> trendKey(Topics.PRODUCT_EVENTS.name(), event.eventType()),
                        Named.as("product-trend-key"));

        // Each input keeps a sub-topology of its own up to its own repartition topic: merged earlier, both topics
        // would share tasks and one stream time, and the busier topic would make the other one's records late.
        KStream<String, PartialCount> partials = byTrendKey(properties.preAggregate()
                ? preAggregated(builder, userKeys, Topics.USER_EVENTS.name(), properties)
                : everyEvent(userKeys, "user"), "user")
                .merge(byTrendKey(properties.preAggregate()
                        ? preAggregated(builder, productKeys, Topics.PRODUCT_EVENTS.name(), properties)
                        : everyEvent(productKeys, "product"), "product"), Named.as("partials"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TRENDS_STORE),
                Serdes.String(), TrendState.serde()));
        Outputs.actions(partials.process(() -> new TrendCounter(properties, env), Named.as("trend-counter"),
                TRENDS_STORE), env, "spikes");
        return builder.build();
    }

    private static KStream<String, PartialCount> byTrendKey(KStream<String, PartialCount> partials, String name) {
        return partials.repartition(Repartitioned.<String, PartialCount>as(name + "-by-trend-key")
                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(PartialCount.class)));
    }

    /** {@code user_page_view} for a {@code page_view} on {@code user_events}. */
    public static String trendKey(String topic, String eventType) {
        return (topic.equals(Topics.USER_EVENTS.name()) ? "user_" : "product_") + eventType;
    }

    private static KStream<String, PartialCount> preAggregated(StreamsBuilder builder, KStream<String, String> keys,
                                                               String topic, TrendProperties properties) {
        String store = PARTIALS_STORE_PREFIX + topic;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store),
                Serdes.String(), Serdes.Long()).withCachingEnabled());
        return keys.process(() -> new PreAggregator(store, properties.flushInterval()),
                Named.as("pre-aggregate-" + topic), store);
    }

    /** The naive alternative, kept for the benchmark: every event re-keyed as a partial count of 1. */
    private static KStream<String, PartialCount> everyEvent(KStream<String, String> keys, String name) {
        return keys.process(() -> new Processor<String, String, String, PartialCount>() {
            private ProcessorContext<String, PartialCount> context;

            @Override
            public void init(ProcessorContext<String, PartialCount> context) {
                this.context = context;
            }

            @Override
            public void process(Record<String, String> record) {
                context.forward(new Record<>(record.value(), new PartialCount(record.value(),
                        SecondCounts.secondOf(record.timestamp()), 1), record.timestamp()));
            }
        }, Named.as(name + "-every-event"));
    }
}
