package com.example.analytics.product.streams;

import com.example.analytics.support.window.SecondCounts;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Everything the service keeps about one product, in one compact value written once per event: lifetime counters,
 * views per event-time second over the trailing window, whether the product is trending (for the rising edge) and
 * the rank bucket it is filed under in the top-N index (so the old index entry can be removed).
 *
 * <p>Mutable on purpose: a processor reads it, applies one event and writes it back. Not shared across threads.
 */
public final class ProductStats {

    private static final byte FORMAT = 1;

    long totalViews;
    long uniqueUsers;
    long addToCart;
    long purchases;
    boolean trending;
    long rankBucket;
    final SecondCounts views;

    ProductStats() {
        this(new SecondCounts());
    }

    private ProductStats(SecondCounts views) {
        this.views = views;
    }

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

    /** Views in the {@code windowSeconds}-second window ending at {@code second}. */
    public long viewsInWindowEndingAt(long second, int windowSeconds) {
        return views.sumOfWindowEndingAt(second, windowSeconds);
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
        ByteBuffer buffer = ByteBuffer.allocate(2 + 5 * Long.BYTES + views.serializedSize());
        buffer.put(FORMAT).put((byte) (trending ? 1 : 0))
                .putLong(totalViews).putLong(uniqueUsers).putLong(addToCart).putLong(purchases).putLong(rankBucket);
        views.writeTo(buffer);
        return buffer.array();
    }

    static ProductStats fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalStateException("unknown product stats format " + format);
        }
        boolean trending = buffer.get() == 1;
        long totalViews = buffer.getLong();
        long uniqueUsers = buffer.getLong();
        long addToCart = buffer.getLong();
        long purchases = buffer.getLong();
        long rankBucket = buffer.getLong();
        ProductStats stats = new ProductStats(SecondCounts.readFrom(buffer));
        stats.trending = trending;
        stats.totalViews = totalViews;
        stats.uniqueUsers = uniqueUsers;
        stats.addToCart = addToCart;
        stats.purchases = purchases;
        stats.rankBucket = rankBucket;
        return stats;
    }
}
