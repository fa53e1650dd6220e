package com.example.analytics.product.streams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Everything the service keeps about one product, in one small fixed-size value written once per event: lifetime
 * counters, the newest second with a view and the views of the trailing window ending there (the per-second counts
 * are in {@link ViewSeconds}), whether the product is trending (for the rising edge) and the rank bucket it is filed
 * under in the top-N index (so the old index entry can be removed).
 *
 * <p>Mutable on purpose: a processor reads it, applies one event and writes it back. Not shared across threads.
 */
public final class ProductStats {

    /** 1 carried the per-second counts of the whole window, rewritten with every view. */
    private static final byte FORMAT = 2;

    long totalViews;
    long uniqueUsers;
    long addToCart;
    long purchases;
    boolean trending;
    long rankBucket;
    /** Meaningful once {@link #totalViews} is above 0. */
    long newestViewSecond;
    /** Views in the trailing window ending at {@link #newestViewSecond}. */
    long windowViews;

    public long totalViews() {
        return totalViews;
    }

    public long uniqueUsers() {
        return uniqueUsers;
    }

    public long addToCart() {
        return addToCart;
    }

    public long purchases() {
        return purchases;
    }

    /** purchases / product views, 0 when there were no views (a purchase without a recorded view is possible). */
    public double conversionRate() {
        return totalViews == 0 ? 0.0 : (double) purchases / totalViews;
    }

    public static Serde<ProductStats> serde() {
        Serializer<ProductStats> serializer = (topic, stats) -> stats == null ? null : stats.toBytes();
        Deserializer<ProductStats> deserializer = (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
        return Serdes.serdeFrom(serializer, deserializer);
    }

    byte[] toBytes() {
        return ByteBuffer.allocate(2 + 7 * Long.BYTES).put(FORMAT).put((byte) (trending ? 1 : 0))
                .putLong(totalViews).putLong(uniqueUsers).putLong(addToCart).putLong(purchases).putLong(rankBucket)
                .putLong(newestViewSecond).putLong(windowViews).array();
    }

    static ProductStats fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown product stats format " + format);
        }
        ProductStats stats = new ProductStats();
        stats.trending = buffer.get() == 1;
        stats.totalViews = buffer.getLong();
        stats.uniqueUsers = buffer.getLong();
        stats.addToCart = buffer.getLong();
        stats.purchases = buffer.getLong();
        stats.rankBucket = buffer.getLong();
        stats.newestViewSecond = buffer.getLong();
        stats.windowViews = buffer.getLong();
        return stats;
    }
}
