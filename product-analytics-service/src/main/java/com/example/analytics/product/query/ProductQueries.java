package com.example.analytics.product.query;

import com.example.analytics.model.SalesSummary;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.product.streams.ProductStats;
import com.example.analytics.product.streams.ProductTopology;
import com.example.analytics.product.streams.TopProducts;
import com.example.analytics.product.streams.ViewSeconds;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.StoreAccess;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.window.SecondCounts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The service's interactive queries, read from one partition's stores and merged by streams-support's router.
 * "Now" is the instance's stream time, so the same data gives the same answer whenever it is asked.
 */
public final class ProductQueries {

    public static final String LIMIT = "limit";
    public static final String FROM = "from";
    public static final String TO = "to";

    private final ProductProperties properties;
    private final StreamTime streamTime;

    public ProductQueries(ProductProperties properties, StreamTime streamTime) {
        this.properties = properties;
        this.streamTime = streamTime;
    }

    /** {@code total_views … trending} of one product, with the trailing-window views at stream time. */
    public record ProductView(String productId, long totalViews, long uniqueUsers, long viewsLastHour, long purchases,
                              long addToCart, double conversionRate, boolean trending) {
    }

    public record ProductCount(long totalProductsViewed) {
    }

    public record StoreSales(String storeId, double from, double to, List<SalesSummary> summaries) {
    }

    public KeyQuery<ProductView> product() {
        return new KeyQuery<>("product", ProductTopology.PRODUCTS_STORE, ProductView.class, (stores, productId, params) ->
                Optional.ofNullable(stores.store(ProductTopology.PRODUCTS_STORE,
                                QueryableStoreTypes.<String, ProductStats>keyValueStore()).get(productId))
                        .map(stats -> view(productId, stats, viewSeconds(stores))));
    }

    public GlobalQuery<TopProducts> top() {
        return new GlobalQuery<>("top", ProductTopology.RANK_STORE, TopProducts.class, (stores, params) -> {
            int limit = Integer.parseInt(params.getOrDefault(LIMIT, "10"));
            OptionalLong now = streamTime.millis();
            if (now.isEmpty()) {
                return TopProducts.EMPTY;
            }
            return TopProducts.ofPartition(
                    stores.store(ProductTopology.RANK_STORE, QueryableStoreTypes.keyValueStore()),
                    stores.store(ProductTopology.PRODUCTS_STORE, QueryableStoreTypes.keyValueStore()),
                    viewSeconds(stores), SecondCounts.secondOf(now.getAsLong()), properties.trending().windowSeconds(), limit);
        }, (partials, params) -> TopProducts.merge(partials, Integer.parseInt(params.getOrDefault(LIMIT, "10"))));
    }

    public GlobalQuery<ProductCount> count() {
        return new GlobalQuery<>("count", ProductTopology.TOTALS_STORE, ProductCount.class, (stores, params) -> {
            ReadOnlyKeyValueStore<String, Long> totals = stores.store(ProductTopology.TOTALS_STORE,
                    QueryableStoreTypes.keyValueStore());
            Long viewed = totals.get(ProductTopology.PRODUCTS_VIEWED);
            return new ProductCount(viewed == null ? 0 : viewed);
        }, (partials, params) -> new ProductCount(partials.stream().mapToLong(ProductCount::totalProductsViewed).sum()));
    }

    /** Closed summaries of one store with window starts in [from, to] (epoch ms params); none known → not found. */
    public KeyQuery<StoreSales> sales() {
        return new KeyQuery<>("sales", ProductTopology.SALES_STORE, StoreSales.class, (stores, storeId, params) -> {
            ReadOnlyWindowStore<String, SalesSummary> store = stores.store(ProductTopology.SALES_STORE,
                    QueryableStoreTypes.windowStore());
            long from = Long.parseLong(params.get(FROM));
            long to = Long.parseLong(params.get(TO));
            List<SalesSummary> summaries = new ArrayList<>();
            try (WindowStoreIterator<SalesSummary> it = store.fetch(storeId, Instant.ofEpochMilli(from),
                    Instant.ofEpochMilli(to))) {
                it.forEachRemaining(entry -> summaries.add(entry.value));
            }
            if (summaries.isEmpty() && !hasAnySummary(store, storeId)) {
                return Optional.empty();
            }
            summaries.sort(Comparator.comparingDouble(SalesSummary::windowStart));
            return Optional.of(new StoreSales(storeId, from / 1000.0, to / 1000.0, summaries));
        });
    }

    private static boolean hasAnySummary(ReadOnlyWindowStore<String, SalesSummary> store, String storeId) {
        try (WindowStoreIterator<SalesSummary> it = store.fetch(storeId, Instant.EPOCH,
                Instant.ofEpochMilli(Long.MAX_VALUE / 2))) {
            return it.hasNext();
        }
    }

    private static ViewSeconds viewSeconds(StoreAccess stores) {
        return new ViewSeconds(stores.store(ProductTopology.VIEW_SECONDS_STORE, QueryableStoreTypes.windowStore()));
    }

    private ProductView view(String productId, ProductStats stats, ViewSeconds viewSeconds) {
        OptionalLong now = streamTime.millis();
        long viewsLastHour = now.isEmpty() ? 0 : viewSeconds.inWindowEndingAt(productId, stats,
                SecondCounts.secondOf(now.getAsLong()), properties.trending().windowSeconds());
        return new ProductView(productId, stats.totalViews(), stats.uniqueUsers(), viewsLastHour, stats.purchases(),
                stats.addToCart(), stats.conversionRate(), viewsLastHour > properties.trending().threshold());
    }

    /** Parameters as the router passes them between instances. */
    public static Map<String, String> salesParams(long fromMillis, long toMillis) {
        return Map.of(FROM, Long.toString(fromMillis), TO, Long.toString(toMillis));
    }
}
