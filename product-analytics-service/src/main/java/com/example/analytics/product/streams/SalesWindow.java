package com.example.analytics.product.streams;

import com.example.analytics.model.EpochSeconds;
import com.example.analytics.model.SalesSummary;

/** An open window of one store's sales, as kept until the window closes. */
public record SalesWindow(String storeId, long startMillis, long endMillis, long totalMicros, long transactions,
                          long weekendTransactions) {

    static SalesWindow first(Sale sale, long startMillis, long endMillis) {
        return new SalesWindow(sale.storeId(), startMillis, endMillis, sale.amountMicros(), 1, sale.weekend() ? 1 : 0);
    }

    SalesWindow plus(Sale sale) {
        return new SalesWindow(storeId, startMillis, endMillis, totalMicros + sale.amountMicros(), transactions + 1,
                weekendTransactions + (sale.weekend() ? 1 : 0));
    }

    SalesSummary summary() {
        double total = totalMicros / 1_000_000.0;
        return new SalesSummary(storeId, EpochSeconds.fromMillis(startMillis), EpochSeconds.fromMillis(endMillis),
                total, transactions, Math.round(totalMicros / (double) transactions) / 1_000_000.0,
                weekendTransactions);
    }
}
