package com.example.analytics.model;

/**
 * The final result of one tumbling window of high-value purchases for one store, on {@code sales_summaries}.
 * Window bounds are epoch seconds, start inclusive, end exclusive.
 */
public record SalesSummary(String storeId, double windowStart, double windowEnd, double totalAmount,
                           long transactionCount, double avgAmount, long weekendTransactions) {
}
