package com.example.analytics.product.streams;

/**
 * A purchase worth summarising, enriched for the per-store summary (the seed's filter → enrich step) and re-keyed
 * by store. The amount travels in millionths so that a window's total is exact whatever order purchases arrive in.
 *
 * @param hourOfDay UTC hour of the event time
 */
public record Sale(String storeId, String productId, long amountMicros, long eventTimeMillis, boolean weekend,
                   int hourOfDay) implements SalesUpdate {
}
