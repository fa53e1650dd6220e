package com.example.analytics.reliability;

import com.example.analytics.model.Action;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.TopicRecords;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What was delivered on the output topics, as a committed-only consumer sees it, compared with what was expected:
 * each expected action exactly once by {@code action_id}, nothing else, and each sales summary once and exact.
 * The comparison is kept apart from reading so that it can be shown to fail on made-up deliveries.
 */
record Delivery(List<String> actionIds, List<SalesSummary> summaries) {

    static Delivery read(String bootstrapServers) {
        List<String> actions = TopicRecords.readAll(bootstrapServers, Topics.REAL_TIME_ACTIONS.name()).stream()
                .map(record -> Json.mapper().readValue(record.value(), Action.class).actionId()).toList();
        List<SalesSummary> summaries = TopicRecords.readAll(bootstrapServers, Topics.SALES_SUMMARIES.name()).stream()
                .map(record -> Json.mapper().readValue(record.value(), SalesSummary.class)).toList();
        return new Delivery(actions, summaries);
    }

    /** The differences; empty when the delivery is exactly the expected one. */
    record Report(Set<String> missingActions, Map<String, Long> duplicateActions, Set<String> unexpectedActions,
                  Set<String> missingSummaries, Map<String, Long> duplicateSummaries, Set<String> unexpectedSummaries,
                  List<String> wrongSummaries, int deliveredActions, int deliveredSummaries) {

        boolean exact() {
            return missingActions.isEmpty() && duplicateActions.isEmpty() && unexpectedActions.isEmpty()
                    && missingSummaries.isEmpty() && duplicateSummaries.isEmpty() && unexpectedSummaries.isEmpty()
                    && wrongSummaries.isEmpty();
        }

        long duplicates() {
            return duplicateActions.values().stream().mapToLong(n -> n - 1).sum()
                    + duplicateSummaries.values().stream().mapToLong(n -> n - 1).sum();
        }

        boolean complete() {
            return missingActions.isEmpty() && missingSummaries.isEmpty();
        }

        @Override
        public String toString() {
            return "delivered " + deliveredActions + " actions, " + deliveredSummaries + " sales summaries; missing "
                    + sample(missingActions) + "; duplicated " + sample(duplicateActions.entrySet())
                    + "; unexpected " + sample(unexpectedActions) + "; summaries missing " + sample(missingSummaries)
                    + ", duplicated " + sample(duplicateSummaries.entrySet()) + ", unexpected "
                    + sample(unexpectedSummaries) + ", wrong " + sample(wrongSummaries);
        }

        private static String sample(Collection<?> items) {
            return items.size() + (items.isEmpty() ? "" : " " + items.stream().limit(5).toList());
        }
    }

    Report compareWith(Expected expected) {
        Map<String, Long> actionCounts = counts(actionIds, Function.identity());
        Set<String> missing = new TreeSet<>(expected.actionIds());
        missing.removeAll(actionCounts.keySet());
        Set<String> unexpected = new TreeSet<>(actionCounts.keySet());
        unexpected.removeAll(expected.actionIds());

        Map<String, Long> summaryCounts = counts(summaries, Delivery::summaryKey);
        Map<String, Expected.Sales> expectedSales = expected.sales();
        Set<String> missingSummaries = new TreeSet<>(expectedSales.keySet());
        missingSummaries.removeAll(summaryCounts.keySet());
        Set<String> unexpectedSummaries = new TreeSet<>(summaryCounts.keySet());
        unexpectedSummaries.removeAll(expectedSales.keySet());
        List<String> wrong = new ArrayList<>();
        for (SalesSummary summary : summaries) {
            Expected.Sales want = expectedSales.get(summaryKey(summary));
            if (want != null && !matches(summary, want)) {
                wrong.add(summary + " expected " + want);
            }
        }
        return new Report(missing, duplicatesIn(actionCounts), unexpected, missingSummaries,
                duplicatesIn(summaryCounts), unexpectedSummaries, wrong, actionIds.size(), summaries.size());
    }

    private static boolean matches(SalesSummary summary, Expected.Sales want) {
        return summary.transactionCount() == want.transactions()
                && summary.weekendTransactions() == want.weekendTransactions()
                && Math.round(summary.totalAmount() * 1_000_000) == want.totalMicros()
                && Math.round(summary.windowEnd() * 1000) == want.windowStartMs() + Expected.SALES_WINDOW_MS;
    }

    static String summaryKey(SalesSummary summary) {
        return summary.storeId() + "@" + Math.round(summary.windowStart() * 1000);
    }

    private static <T> Map<String, Long> counts(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    private static Map<String, Long> duplicatesIn(Map<String, Long> counts) {
        Map<String, Long> duplicates = new TreeMap<>();
        counts.forEach((key, count) -> {
            if (count > 1) {
                duplicates.put(key, count);
            }
        });
        return duplicates;
    }
}
