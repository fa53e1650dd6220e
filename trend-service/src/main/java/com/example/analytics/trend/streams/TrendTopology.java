package com.example.analytics.trend.streams;

import com.example.analytics.model.Event;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.progress.EveryPartition;
import com.example.analytics.support.progress.ProgressReporter;
import com.example.analytics.support.streams.InputProgress;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.Outputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.streams.WriteBehindCache;
import com.example.analytics.support.window.SecondCounts;
import com.example.analytics.trend.TrendProperties;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.Stores;

/**
 * Events of both topics become trend keys ({@code user_<event_type>}, {@code product_<event_type>}). Every event
 * hits one of a handful of keys, so re-keying each event would push all traffic through a few partitions: each
 * source task first counts per key and second, and only those partial counts are re-keyed and summed. Each source
 * task also says how far in event time it is done, so the spike rule waits for the counts of every partition.
 */
public final class TrendTopology {

    public static final String TRENDS_STORE = "trends";
    /** The counters of what the topology publishes and counts as late, registered at 0 when the service starts. */
    public static final CounterSeries COUNTERS = CounterSeries.action(TrendCounter.ACTION_TYPE)
            .withLateSources(TrendCounter.LATE_PARTIALS);
    /** The trend keys' states on the heap, in front of {@link #TRENDS_STORE}. */
    static final String TRENDS_CACHE = "trends-cache";
    /** How far each source task is done, and how far the spike rule has been evaluated. */
    static final String PROGRESS_STORE = "trend-progress";
    static final String PARTIALS_STORE_PREFIX = "trend-partials-";

    private TrendTopology() {
    }

    /** For {@code TopologyTestDriver}, which processes every piped record at once. */
    public static Topology build(TrendProperties properties, TopologyEnvironment env) {
        return build(properties, env, InputProgress.allConsumed());
    }

    /** @param inputProgress tells a quiet input partition from one whose records have not reached its task yet */
    public static Topology build(TrendProperties properties, TopologyEnvironment env, InputProgress inputProgress) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, UserEvent> userEvents = Inputs.userEvents(builder, env);
        KStream<String, ProductEvent> productEvents = Inputs.productEvents(builder, env);

        // Each input keeps a sub-topology of its own up to its own repartition topic: merged earlier, both topics
        // would share tasks and one stream time, and the busier topic would make the other one's records late.
        KStream<String, TrendUpdate> updates = byTrendKey(properties.preAggregate()
                ? preAggregated(builder, userEvents, Topics.USER_EVENTS.name(), properties, env, inputProgress)
                : everyEvent(userEvents, Topics.USER_EVENTS.name(), properties, env, inputProgress), "user")
                .merge(byTrendKey(properties.preAggregate()
                        ? preAggregated(builder, productEvents, Topics.PRODUCT_EVENTS.name(), properties, env,
                                inputProgress)
                        : everyEvent(productEvents, Topics.PRODUCT_EVENTS.name(), properties, env, inputProgress),
                        "product"), Named.as("updates"));

        // A few hot keys, each updated by every partial count: on the heap, they are written to the changelog once
        // per key and commit. Written at every partial, each wrote the key's whole per-second ring (1.2-1.5 KB of
        // changelog per input record in the catch-up benchmark).
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(TRENDS_STORE),
                Serdes.String(), TrendState.serde()).withCachingDisabled());
        builder.addStateStore(WriteBehindCache.builder(TRENDS_CACHE, Integer.MAX_VALUE));
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(PROGRESS_STORE),
                Serdes.String(), TrendUpdate.progressSerde()));
        Outputs.actions(updates.process(() -> new TrendCounter(properties, env), Named.as("trend-counter"),
                TRENDS_STORE, TRENDS_CACHE, PROGRESS_STORE), env, "spikes");
        return builder.build();
    }

    /**
     * Partial counts go to their trend key's partition; a source's progress goes to every partition, since every
     * counter task waits for every source.
     */
    private static KStream<String, TrendUpdate> byTrendKey(KStream<String, TrendUpdate> updates, String name) {
        return updates.repartition(Repartitioned.<String, TrendUpdate>as(name + "-by-trend-key")
                .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(TrendUpdate.class))
                .withStreamPartitioner(EveryPartition.when(update -> update instanceof TrendUpdate.Progress)));
    }

    /** {@code user_page_view} for a {@code page_view} on {@code user_events}. */
    public static String trendKey(String topic, String eventType) {
        return keyPrefix(topic) + eventType;
    }

    private static String keyPrefix(String topic) {
        return topic.equals(Topics.USER_EVENTS.name()) ? "user_" : "product_";
    }

    private static <E extends Event> KStream<String, TrendUpdate> preAggregated(StreamsBuilder builder,
                                                              KStream<String, E> events,
                                                              String topic, TrendProperties properties,
                                                              TopologyEnvironment env,
                                                              InputProgress inputProgress) {
        // Counts not yet sent at a commit: a few small values per task, so always on the heap.
        String store = PARTIALS_STORE_PREFIX + topic;
        String cache = store + "-cache";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(store),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(WriteBehindCache.builder(cache, Integer.MAX_VALUE));
        ProcessorSupplier<String, Event, String, TrendUpdate> preAggregator = () -> new PreAggregator(keyPrefix(topic),
                cache, store, properties.flushInterval(), progressReporter(topic, properties, env, inputProgress));
        return events.process(preAggregator, Named.as("pre-aggregate-" + topic), store, cache);
    }

    /** The naive alternative, kept for the benchmark: every event re-keyed as a partial count of 1. */
    private static <E extends Event> KStream<String, TrendUpdate> everyEvent(KStream<String, E> events, String topic,
                                                           TrendProperties properties, TopologyEnvironment env,
                                                           InputProgress inputProgress) {
        ProcessorSupplier<String, Event, String, TrendUpdate> everyEvent = () -> new Processor<>() {
            private final ProgressReporter progress = progressReporter(topic, properties, env, inputProgress);
            private ProcessorContext<String, TrendUpdate> context;

            @Override
            public void init(ProcessorContext<String, TrendUpdate> context) {
                this.context = context;
                context.schedule(properties.flushInterval(), PunctuationType.WALL_CLOCK_TIME,
                        now -> reportProgress(progress, context, now));
            }

            @Override
            public void process(Record<String, Event> record) {
                String trendKey = trendKey(topic, record.value().eventType());
                context.forward(new Record<>(trendKey, new PartialCounts(trendKey,
                        new long[] {SecondCounts.secondOf(record.timestamp())}, new int[] {1}), record.timestamp()));
            }
        };
        return events.process(everyEvent, Named.as(topic + "-every-event"));
    }

    /** How far a source task is done, in seconds: the resolution the spike rule is judged at. */
    private static ProgressReporter progressReporter(String topic, TrendProperties properties,
                                                     TopologyEnvironment env, InputProgress inputProgress) {
        return new ProgressReporter(topic, env.grace(), properties.idleSourceTimeout(), inputProgress,
                Duration.ofSeconds(1));
    }

    static void reportProgress(ProgressReporter progress, ProcessorContext<String, TrendUpdate> context, long nowMs) {
        progress.report(context, nowMs).ifPresent(record ->
                context.forward(record.withValue(new TrendUpdate.Progress(record.value()))));
    }
}
