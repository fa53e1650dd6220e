package com.example.analytics.product.streams;

import com.example.analytics.model.Action;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.window.SecondCounts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Applies one product event to its product's {@link ProductStats} and keeps the task's top-N index and its count
 * of viewed products in step. Fires {@code trending_product} on the rising edge of the trailing-window views,
 * evaluated at the event's own time. Writes per event: the product's small value, plus for a view its second's count,
 * an index entry when its rank bucket changes and a viewer entry the first time a user views the product.
 */
final class ProductStatsProcessor implements Processor<String, ProductEvent, String, Action> {

    private static final byte[] PRESENT = new byte[0];

    private final ProductProperties.Trending trending;
    private final Duration maintenanceInterval;
    private final TopologyEnvironment env;
    private final int windowSeconds;

    private ProcessorContext<String, Action> context;
    private KeyValueStore<String, ProductStats> products;
    private KeyValueStore<String, byte[]> viewers;
    private KeyValueStore<String, byte[]> rank;
    private KeyValueStore<String, Long> totals;
    private WindowStore<String, Long> viewSecondsStore;
    private ViewSeconds viewSeconds;

    ProductStatsProcessor(ProductProperties properties, TopologyEnvironment env) {
        this.trending = properties.trending();
        this.maintenanceInterval = properties.top().maintenanceInterval();
        this.env = env;
        this.windowSeconds = trending.windowSeconds();
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        products = context.getStateStore(ProductTopology.PRODUCTS_STORE);
        viewers = context.getStateStore(ProductTopology.VIEWERS_STORE);
        rank = context.getStateStore(ProductTopology.RANK_STORE);
        totals = context.getStateStore(ProductTopology.TOTALS_STORE);
        viewSecondsStore = context.getStateStore(ProductTopology.VIEW_SECONDS_STORE);
        viewSeconds = new ViewSeconds(viewSecondsStore);
        context.schedule(maintenanceInterval, PunctuationType.WALL_CLOCK_TIME, now -> refileAgedProducts());
    }

    @Override
    public void process(Record<String, ProductEvent> record) {
        ProductEvent event = record.value();
        String productId = record.key();
        ProductStats stats = products.get(productId);
        if (stats == null) {
            stats = new ProductStats();
        }
        switch (event.eventType()) {
            case "product_view" -> view(productId, stats, event, record.timestamp());
            case "add_to_cart" -> stats.addToCart++;
            case "purchase" -> stats.purchases++;
            default -> {
                // Other product event types are valid input without a product metric; nothing to store.
                return;
            }
        }
        products.put(productId, stats);
    }

    private void view(String productId, ProductStats stats, ProductEvent event, long eventTimeMillis) {
        if (stats.totalViews == 0) {
            Long viewed = totals.get(ProductTopology.PRODUCTS_VIEWED);
            totals.put(ProductTopology.PRODUCTS_VIEWED, viewed == null ? 1 : viewed + 1);
        }
        event.dataText("user_id").filter(user -> !user.isEmpty()).ifPresent(user -> {
            String viewerKey = viewerKey(productId, user);
            if (viewers.get(viewerKey) == null) {
                viewers.put(viewerKey, PRESENT);
                stats.uniqueUsers++;
            }
        });
        long second = SecondCounts.secondOf(eventTimeMillis);
        viewSecondsStore.put(productId, viewSeconds.at(productId, second) + 1, second * 1000);
        if (stats.totalViews == 0 || second > stats.newestViewSecond) {
            // The new second's count is in the store already; the kept sum still describes the old newest second.
            stats.windowViews = viewSeconds.inWindowEndingAt(productId, stats, second, windowSeconds);
            stats.newestViewSecond = second;
        } else if (second > stats.newestViewSecond - windowSeconds) {
            stats.windowViews++;
        }
        stats.totalViews++;

        long hourlyViews = viewSeconds.inWindowEndingAt(productId, stats, second, windowSeconds);
        boolean above = hourlyViews > trending.threshold();
        if (above && !stats.trending) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("product_id", productId);
            data.put("hourly_views", hourlyViews);
            data.put("total_views", stats.totalViews);
            context.forward(new Record<>(productId, env.action("trending_product", null, productId,
                    Long.toString(eventTimeMillis), eventTimeMillis, data), eventTimeMillis));
        }
        stats.trending = above;
        refile(productId, stats, upperBound(stats));
    }

    /** The most views any window from the product's newest second on can hold: the window ending there. */
    private static long upperBound(ProductStats stats) {
        return stats.windowViews;
    }

    private void refile(String productId, ProductStats stats, long views) {
        long bucket = RankIndex.bucketOf(views);
        if (bucket == stats.rankBucket) {
            return;
        }
        if (stats.rankBucket > 0) {
            rank.delete(RankIndex.key(stats.rankBucket, productId));
        }
        if (bucket > 0) {
            rank.put(RankIndex.key(bucket, productId), PRESENT);
        }
        stats.rankBucket = bucket;
    }

    /**
     * Views leave the window as stream time passes without a product's own events; re-file such products under
     * their current bound so queries do not wade through products that were popular long ago.
     */
    private void refileAgedProducts() {
        long nowSecond = SecondCounts.secondOf(context.currentStreamTimeMs());
        java.util.List<KeyValue<String, Long>> moves = new java.util.ArrayList<>();
        try (KeyValueIterator<String, byte[]> entries = rank.all()) {
            while (entries.hasNext()) {
                String key = entries.next().key;
                String productId = RankIndex.productOfKey(key);
                ProductStats stats = products.get(productId);
                long current = stats == null ? 0 : viewSeconds.inWindowEndingAt(productId, stats,
                        Math.max(nowSecond, stats.newestViewSecond), windowSeconds);
                if (RankIndex.bucketOf(current) != RankIndex.bucketOfKey(key)) {
                    moves.add(KeyValue.pair(productId, current));
                }
            }
        }
        for (KeyValue<String, Long> move : moves) {
            ProductStats stats = products.get(move.key);
            if (stats == null) {
                rank.delete(RankIndex.key(RankIndex.bucketOf(move.value), move.key));
                continue;
            }
            refile(move.key, stats, move.value);
            products.put(move.key, stats);
        }
    }

    static String viewerKey(String productId, String userId) {
        // The length prefix keeps ("ab","c") and ("a","bc") apart whatever characters the ids contain.
        return productId.length() + ":" + productId + userId;
    }
}
