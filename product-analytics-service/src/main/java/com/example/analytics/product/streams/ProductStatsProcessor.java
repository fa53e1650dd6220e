package com.example.analytics.product.streams;

import com.example.analytics.model.Action;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.streams.WriteBehindCache;
import com.example.analytics.support.window.SecondCounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Applies one product event to its product and keeps the task's top-N index and its count of viewed products in
 * step. Fires {@code trending_product} on the rising edge of the trailing-window views, evaluated at the event's own
 * time.
 *
 * <p>Products are few and hot, so each one's counters and its views per second over the trailing window stay on the
 * heap ({@link WriteBehindCache}) and are written once per commit: the product's small value, the seconds whose count
 * changed, and its index entry when its rank bucket changed. Per event the only store call left is the viewer check
 * of a view, and the viewer's entry the first time a user views the product.
 */
final class ProductStatsProcessor implements Processor<String, ProductEvent, String, Action> {

    static final String ACTION_TYPE = "trending_product";
    private static final byte[] PRESENT = new byte[0];

    private final ProductProperties.Trending trending;
    private final Duration maintenanceInterval;
    private final TopologyEnvironment env;
    private final int windowSeconds;
    /** Seconds kept before a product's newest one: its window, the grace, and one second of rounding each way. */
    private final long keptSeconds;

    private ProcessorContext<String, Action> context;
    private WriteBehindCache<String, ProductState> products;
    private KeyValueStore<String, ProductStats> stats;
    private KeyValueStore<String, byte[]> viewers;
    private KeyValueStore<String, byte[]> rank;
    private KeyValueStore<String, Long> totals;
    private WindowStore<String, Long> viewSeconds;

    ProductStatsProcessor(ProductProperties properties, TopologyEnvironment env) {
        this.trending = properties.trending();
        this.maintenanceInterval = properties.top().maintenanceInterval();
        this.env = env;
        this.windowSeconds = trending.windowSeconds();
        this.keptSeconds = windowSeconds + env.grace().toSeconds() + 2;
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        stats = context.getStateStore(ProductTopology.PRODUCTS_STORE);
        viewers = context.getStateStore(ProductTopology.VIEWERS_STORE);
        rank = context.getStateStore(ProductTopology.RANK_STORE);
        totals = context.getStateStore(ProductTopology.TOTALS_STORE);
        viewSeconds = context.getStateStore(ProductTopology.VIEW_SECONDS_STORE);
        products = context.getStateStore(ProductTopology.PRODUCTS_CACHE);
        products.attach(this::load, this::write);
        context.schedule(maintenanceInterval, PunctuationType.WALL_CLOCK_TIME, now -> refileAgedProducts());
    }

    @Override
    public void process(Record<String, ProductEvent> record) {
        ProductEvent event = record.value();
        String type = event.eventType();
        if (!type.equals("product_view") && !type.equals("add_to_cart") && !type.equals("purchase")) {
            // Other product event types are valid input without a product metric; nothing to store.
            return;
        }
        String productId = record.key();
        ProductState product = products.get(productId);
        if (product == null) {
            product = ProductState.newProduct();
        }
        switch (type) {
            case "product_view" -> view(productId, product, event, record.timestamp());
            case "add_to_cart" -> product.stats.addToCart++;
            default -> product.stats.purchases++;
        }
        products.put(productId, product);
    }

    private void view(String productId, ProductState product, ProductEvent event, long eventTimeMillis) {
        ProductStats counters = product.stats;
        if (counters.totalViews == 0) {
            Long viewed = totals.get(ProductTopology.PRODUCTS_VIEWED);
            totals.put(ProductTopology.PRODUCTS_VIEWED, viewed == null ? 1 : viewed + 1);
        }
        event.dataText("user_id").ifPresent(user -> {
            String viewerKey = viewerKey(productId, user);
            if (viewers.get(viewerKey) == null) {
                viewers.put(viewerKey, PRESENT);
                counters.uniqueUsers++;
            }
        });
        long second = SecondCounts.secondOf(eventTimeMillis);
        product.viewed(second);
        if (counters.totalViews == 0 || second > counters.newestViewSecond) {
            counters.newestViewSecond = second;
            product.seconds.pruneBefore(second - keptSeconds);
        }
        counters.windowViews = product.seconds.sumOfWindowEndingAt(counters.newestViewSecond, windowSeconds);
        counters.totalViews++;
        // The most views any window from the newest second on can hold: the window ending there.
        product.bound = counters.windowViews;

        long hourlyViews = product.seconds.sumOfWindowEndingAt(second, windowSeconds);
        boolean above = hourlyViews > trending.threshold();
        if (above && !counters.trending) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("product_id", productId);
            data.put("hourly_views", hourlyViews);
            data.put("total_views", counters.totalViews);
            context.forward(new Record<>(productId, env.action(ACTION_TYPE, null, productId,
                    Long.toString(eventTimeMillis), eventTimeMillis, data), eventTimeMillis));
        }
        counters.trending = above;
    }

    /** A product's state from its stores: its value and the seconds of its window still in the seconds store. */
    private ProductState load(String productId) {
        ProductStats stored = stats.get(productId);
        if (stored == null) {
            return null;
        }
        SecondCounts seconds = new SecondCounts();
        if (stored.totalViews > 0) {
            long newest = stored.newestViewSecond;
            try (WindowStoreIterator<Long> kept = viewSeconds.fetch(productId,
                    Instant.ofEpochSecond(newest - keptSeconds), Instant.ofEpochSecond(newest))) {
                kept.forEachRemaining(entry -> seconds.add(entry.key / 1000, Math.toIntExact(entry.value)));
            }
        }
        return new ProductState(stored, seconds);
    }

    /** Written once per commit for every product that changed; never called with a removed product. */
    private void write(String productId, ProductState product) {
        long oldestKept = product.stats.newestViewSecond - keptSeconds;
        product.drainChangedSeconds(second -> {
            // A second that left the heap within one commit is out of every window a view can still fall in.
            if (second >= oldestKept) {
                viewSeconds.put(productId, (long) product.seconds.countOf(second), second * 1000);
            }
        });
        refile(productId, product.stats, product.bound);
        stats.put(productId, product.stats);
    }

    private void refile(String productId, ProductStats counters, long views) {
        long bucket = RankIndex.bucketOf(views);
        if (bucket == counters.rankBucket) {
            return;
        }
        if (counters.rankBucket > 0) {
            rank.delete(RankIndex.key(counters.rankBucket, productId));
        }
        if (bucket > 0) {
            rank.put(RankIndex.key(bucket, productId), PRESENT);
        }
        counters.rankBucket = bucket;
    }

    /**
     * Views leave the window as stream time passes without a product's own events; re-file such products under
     * their current bound so queries do not wade through products that were popular long ago.
     */
    private void refileAgedProducts() {
        long nowSecond = SecondCounts.secondOf(context.currentStreamTimeMs());
        List<String> filed = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = rank.all()) {
            entries.forEachRemaining(entry -> filed.add(RankIndex.productOfKey(entry.key)));
        }
        for (String productId : filed) {
            ProductState product = products.get(productId);
            if (product == null) {
                continue;
            }
            long current = product.seconds.sumOfWindowEndingAt(Math.max(nowSecond, product.stats.newestViewSecond),
                    windowSeconds);
            if (RankIndex.bucketOf(current) != product.stats.rankBucket) {
                product.bound = current;
                products.put(productId, product);
            }
        }
    }

    static String viewerKey(String productId, String userId) {
        // The length prefix keeps ("ab","c") and ("a","bc") apart whatever characters the ids contain.
        return productId.length() + ":" + productId + userId;
    }
}
