package com.example.analytics.product.streams;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The most viewed products of the trailing window, most viewed first (ties by product id). */
public record TopProducts(List<Ranked> topProductsHourly) {

    public static final TopProducts EMPTY = new TopProducts(List.of());

    public record Ranked(String productId, long hourlyViews) {
    }

    private static final Comparator<Ranked> BEST_FIRST = Comparator.comparingLong(Ranked::hourlyViews).reversed()
            .thenComparing(Ranked::productId);

    /**
     * The top {@code limit} of one task, from its rank index: candidates come in order of their views' upper bound,
     * each is counted exactly at {@code nowSecond}, and the walk stops when no later candidate can make the list.
     */
    public static TopProducts ofPartition(ReadOnlyKeyValueStore<String, byte[]> rank,
                                          ReadOnlyKeyValueStore<String, ProductStats> products,
                                          ViewSeconds viewSeconds, long nowSecond,
                                          int windowSeconds, int limit) {
        PriorityQueue<Ranked> best = new PriorityQueue<>(BEST_FIRST.reversed());
        try (KeyValueIterator<String, byte[]> candidates = rank.all()) {
            while (candidates.hasNext()) {
                KeyValue<String, byte[]> candidate = candidates.next();
                long bound = RankIndex.bucketOfKey(candidate.key);
                if (best.size() == limit && bound < best.peek().hourlyViews()) {
                    break;
                }
                String productId = RankIndex.productOfKey(candidate.key);
                ProductStats stats = products.get(productId);
                long views = stats == null ? 0
                        : viewSeconds.inWindowEndingAt(productId, stats, nowSecond, windowSeconds);
                if (views > 0) {
                    best.add(new Ranked(productId, views));
                    if (best.size() > limit) {
                        best.poll();
                    }
                }
            }
        }
        List<Ranked> ranked = new ArrayList<>(best);
        ranked.sort(BEST_FIRST);
        return new TopProducts(ranked);
    }

    /** Associative: the top of tops is the top of the union, as every product lives in exactly one partition. */
    public static TopProducts merge(List<TopProducts> partials, int limit) {
        return new TopProducts(partials.stream().flatMap(partial -> partial.topProductsHourly().stream())
                .sorted(BEST_FIRST).limit(limit).toList());
    }
}
