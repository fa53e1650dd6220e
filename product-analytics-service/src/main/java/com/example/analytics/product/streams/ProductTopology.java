package com.example.analytics.product.streams;

import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.progress.EveryPartition;
import com.example.analytics.support.progress.ProgressReporter;
import com.example.analytics.support.progress.SourceProgress;
import com.example.analytics.support.streams.InputProgress;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.Outputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.streams.WriteBehindCache;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Product metrics, trending and the top-N index per product (keyed as the input, no repartition), and the seed's
 * sales demo: purchases above the threshold, enriched, re-keyed by store, summarised per tumbling window. Each
 * source task also sends how far in event time it is done to every partition of the re-key, so a window closes
 * only once every source partition is past it, however far apart the source tasks are.
 */
public final class ProductTopology {

    public static final String PRODUCTS_STORE = "product-stats";
    /** The counters of what the topology publishes and counts as late, registered at 0 when the service starts. */
    public static final CounterSeries COUNTERS = CounterSeries.action(ProductStatsProcessor.ACTION_TYPE)
            .withLateSources(SalesWindowProcessor.LATE_SALES);
    /** Products on the heap, in front of their stores ({@link ProductStatsProcessor}). */
    static final String PRODUCTS_CACHE = "product-cache";
    /** At most this many products stay on the heap after a commit, the most recently used. */
    static final int PRODUCTS_ON_HEAP = 4096;
    public static final String VIEWERS_STORE = "product-viewers";
    public static final String RANK_STORE = "product-rank";
    public static final String TOTALS_STORE = "product-totals";
    /** Views per product and event-time second ({@link ViewSeconds}). */
    public static final String VIEW_SECONDS_STORE = "product-view-seconds";
    public static final String SALES_OPEN_STORE = "sales-open-windows";
    /** How far the sales windows are closed ({@link SalesWindowProcessor#CLOSED_UNTIL}). */
    public static final String SALES_PROGRESS_STORE = "sales-progress";
    /** How far each source task is done, in milliseconds of event time. */
    public static final String SALES_SOURCES_STORE = "sales-sources";
    public static final String SALES_STORE = "sales-summaries";
    /** The one key of {@link #TOTALS_STORE}: products of the task with at least one view. */
    public static final String PRODUCTS_VIEWED = "products_viewed";

    private ProductTopology() {
    }

    /** For {@code TopologyTestDriver}, which processes every piped record at once. */
    public static Topology build(ProductProperties properties, TopologyEnvironment env) {
        return build(properties, env, InputProgress.allConsumed());
    }

    /** @param inputProgress tells a quiet input partition from one whose records have not reached its task yet */
    public static Topology build(ProductProperties properties, TopologyEnvironment env,
                                 InputProgress inputProgress) {
        StreamsBuilder builder = new StreamsBuilder();
        // The stores behind the products' cache take no record cache of their own: see WriteBehindCache.
        builder.addStateStore(WriteBehindCache.builder(PRODUCTS_CACHE, PRODUCTS_ON_HEAP));
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(PRODUCTS_STORE),
                Serdes.String(), ProductStats.serde()).withCachingDisabled());
        builder.addStateStore(Stores.windowStoreBuilder(env.stateStores().window(VIEW_SECONDS_STORE,
                ViewSeconds.retention(properties.trending().windowSeconds(), env.grace()), Duration.ofSeconds(1)),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(RANK_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        // Viewer entries are written once per (product, user) and read once per view: nothing for a cache to absorb.
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(VIEWERS_STORE),
                Serdes.String(), Serdes.ByteArray()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(TOTALS_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());

        KStream<String, ProductEvent> events = Inputs.productEvents(builder, env);
        Outputs.actions(events.process(() -> new ProductStatsProcessor(properties, env), Named.as("product-stats"),
                PRODUCTS_CACHE, PRODUCTS_STORE, VIEWERS_STORE, RANK_STORE, TOTALS_STORE, VIEW_SECONDS_STORE), env,
                "trending");

        addSalesSummaries(builder, events, properties.sales(), env, inputProgress);
        return builder.build();
    }

    private static void addSalesSummaries(StreamsBuilder builder, KStream<String, ProductEvent> events,
                                          ProductProperties.Sales sales, TopologyEnvironment env,
                                          InputProgress inputProgress) {
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(SALES_OPEN_STORE),
                Serdes.String(), JsonSerde.of(SalesWindow.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(SALES_PROGRESS_STORE),
                Serdes.String(), Serdes.Long()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(SALES_SOURCES_STORE),
                Serdes.String(), JsonSerde.of(SourceProgress.class)));
        builder.addStateStore(Stores.windowStoreBuilder(env.stateStores().window(SALES_STORE, sales.retention(),
                sales.window()), Serdes.String(), JsonSerde.of(SalesSummary.class)));

        // A source is done with event times older than its stream time minus the longer of two graces: the input's
        // (older purchases never pass Inputs) and the window's (they still count for their window).
        Duration grace = sales.grace().compareTo(env.grace()) > 0 ? sales.grace() : env.grace();
        events.process(() -> new SalesSource(sales, new ProgressReporter(Topics.PRODUCT_EVENTS.name(), grace,
                                sales.idleSourceTimeout(), inputProgress, Duration.ofMillis(1)).movingOnWhileIdle()),
                        Named.as("sales-filter-enrich"))
                .repartition(Repartitioned.<String, SalesUpdate>as("sales-by-store")
                        .withKeySerde(Serdes.String()).withValueSerde(JsonSerde.of(SalesUpdate.class))
                        .withStreamPartitioner(EveryPartition.when(update -> update instanceof SalesUpdate.Progress)))
                .process(() -> new SalesWindowProcessor(sales, env), Named.as("sales-windows"),
                        SALES_OPEN_STORE, SALES_PROGRESS_STORE, SALES_SOURCES_STORE, SALES_STORE)
                .to(Topics.SALES_SUMMARIES.name(), Produced.with(Topics.SALES_SUMMARIES.keySerde(),
                        Topics.SALES_SUMMARIES.valueSerde()).withName("sales-summaries-out"));
    }

    /** The seed's filter and enrich steps: a purchase above the threshold, with its store, weekend flag and hour. */
    static Optional<Sale> sale(String productId, ProductEvent event, ProductProperties.Sales sales) {
        if (!"purchase".equals(event.eventType())) {
            return Optional.empty();
        }
        double amount = event.dataNumber("amount").orElse(0);
        if (!(amount > sales.minAmount()) || !Double.isFinite(amount)) {
            return Optional.empty();
        }
        String storeId = event.dataText("store_id").filter(id -> !id.isBlank()).orElse(sales.defaultStoreId());
        ZonedDateTime at = Instant.ofEpochMilli(event.timestampMillis()).atZone(ZoneOffset.UTC);
        boolean weekend = at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
        return Optional.of(new Sale(storeId, productId, Math.round(amount * 1_000_000), event.timestampMillis(),
                weekend, at.getHour()));
    }
}
