package com.example.analytics.product.streams;

import java.util.HexFormat;

/**
 * Keys of the per-task top-N index: products filed under an upper bound of their trailing-window views, so that
 * iterating the index in key order visits products from most to least viewed and a top-N query can stop early.
 *
 * <p>The bound is rounded up to a bucket with 4 significant bits (exact below 16, at most 12.5% above the count),
 * so a busy product is re-filed only when it crosses a bucket, not on every view. Views only leave the window as
 * time passes, so a product's bound stays an upper bound until its next event re-files it; the query computes the
 * exact count of each candidate and stops once the bound of the next one cannot beat the N-th best.
 */
final class RankIndex {

    private static final HexFormat HEX = HexFormat.of();
    private static final int HEX_DIGITS = 16;

    private RankIndex() {
    }

    static long bucketOf(long views) {
        if (views < 16) {
            return views;
        }
        int shift = 63 - Long.numberOfLeadingZeros(views) - 3;
        long step = 1L << shift;
        return (views + step - 1) >> shift << shift;
    }

    /** Fixed-width hex of the inverted bucket first: ascending key order is descending views. */
    static String key(long bucket, String productId) {
        return HEX.toHexDigits(Long.MAX_VALUE - bucket) + productId;
    }

    static long bucketOfKey(String key) {
        return Long.MAX_VALUE - HexFormat.fromHexDigitsToLong(key, 0, HEX_DIGITS);
    }

    static String productOfKey(String key) {
        return key.substring(HEX_DIGITS);
    }
}
