package com.example.analytics.reliability;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.Injection;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the four services must deliver for a stream of generated records, worked out here from the records alone,
 * in the plainest way that states each rule of DESIGN.md section 4: no class of the services is used, so a bug in
 * a topology cannot hide in its own expectation.
 *
 * <p>A record counts when it is good and not sent beyond grace (the generator says which records it sent late;
 * out-of-order records within grace count as if in order). Rules evaluated per record (trending) see the records
 * of their key in the order they were produced, as their partition delivers them. The fraud and engagement rules
 * are not re-derived: normal traffic is built never to trip them, so exactly the generator's injected occurrences
 * fire (the services' own broker tests check that promise against an independent computation).
 */
final class Expected {

    static final long TRENDING_THRESHOLD = 100;
    static final int TRENDING_WINDOW_SECONDS = 3600;
    static final long SPIKE_WINDOW_EVENTS = 250;
    static final int SPIKE_WINDOW_SECONDS = 300;
    static final double SALES_MIN_AMOUNT = 100;
    static final long SALES_WINDOW_MS = 60_000;

    private static final Map<Scenario, String> FRAUD_RULES = Map.of(
            Scenario.BOT_BURST, "excessive_activity",
            Scenario.IMPOSSIBLE_TRAVEL, "impossible_travel",
            Scenario.SUSPICIOUS_LOGIN, "suspicious_login_transaction");

    /** One expected sales summary: amounts in millionths, as exact sums. */
    record Sales(String storeId, long windowStartMs, long totalMicros, long transactions, long weekendTransactions) {
    }

    private final Map<String, TreeMap<Long, Long>> viewSecondsByProduct = new HashMap<>();
    private final Map<String, Boolean> trending = new HashMap<>();
    private final Map<String, Long> totalViews = new HashMap<>();
    private final Map<String, Set<String>> viewers = new HashMap<>();
    private final Map<String, Long> purchases = new HashMap<>();
    private final Map<String, TreeMap<Long, Long>> trendSeconds = new HashMap<>();
    private final Map<String, Sales> sales = new TreeMap<>();
    private final Set<String> actionIds = new TreeSet<>();
    private long productStreamTimeMs = Long.MIN_VALUE;
    private long counted;

    /** Takes the records in the order they were produced. */
    void add(GeneratedRecord record) {
        if (record.isBad() || record.timing() == GeneratedRecord.Timing.LATE) {
            return;
        }
        counted++;
        if (record.event() instanceof UserEvent event) {
            countTrend("user_" + event.eventType(), event.timestampMillis());
        } else if (record.event() instanceof ProductEvent event) {
            countTrend("product_" + event.eventType(), event.timestampMillis());
            addProductEvent(event);
        }
    }

    private void addProductEvent(ProductEvent event) {
        long time = event.timestampMillis();
        productStreamTimeMs = Math.max(productStreamTimeMs, time);
        String product = event.productId();
        switch (event.eventType()) {
            case "product_view" -> {
                totalViews.merge(product, 1L, Long::sum);
                event.dataText("user_id").filter(user -> !user.isEmpty())
                        .ifPresent(user -> viewers.computeIfAbsent(product, p -> new HashSet<>()).add(user));
                long second = Math.floorDiv(time, 1000);
                TreeMap<Long, Long> seconds = viewSecondsByProduct.computeIfAbsent(product, p -> new TreeMap<>());
                seconds.merge(second, 1L, Long::sum);
                // Older seconds can no longer be in any window a record within grace is judged in.
                seconds.headMap(seconds.lastKey() - TRENDING_WINDOW_SECONDS - 60).clear();
                long hourly = sum(seconds, second - TRENDING_WINDOW_SECONDS + 1, second);
                boolean above = hourly > TRENDING_THRESHOLD;
                if (above && !trending.getOrDefault(product, false)) {
                    actionIds.add("product-analytics:trending_product:" + product + ":" + time);
                }
                trending.put(product, above);
            }
            case "purchase" -> {
                purchases.merge(product, 1L, Long::sum);
                double amount = event.dataNumber("amount").orElse(0);
                if (amount > SALES_MIN_AMOUNT && Double.isFinite(amount)) {
                    String store = event.dataText("store_id").filter(id -> !id.isBlank()).orElse("default");
                    long start = Math.floorDiv(time, SALES_WINDOW_MS) * SALES_WINDOW_MS;
                    DayOfWeek day = Instant.ofEpochMilli(time).atZone(ZoneOffset.UTC).getDayOfWeek();
                    long weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 1 : 0;
                    long micros = Math.round(amount * 1_000_000);
                    sales.merge(store + "@" + start, new Sales(store, start, micros, 1, weekend), (a, b) ->
                            new Sales(a.storeId(), a.windowStartMs(), a.totalMicros() + b.totalMicros(),
                                    a.transactions() + 1, a.weekendTransactions() + b.weekendTransactions()));
                }
            }
            default -> {
                // other product event types count only as events
            }
        }
    }

    private void countTrend(String trendKey, long timeMillis) {
        trendSeconds.computeIfAbsent(trendKey, k -> new TreeMap<>()).merge(Math.floorDiv(timeMillis, 1000), 1L,
                Long::sum);
    }

    /** Ends the input: adds the spike and the injected fraud and engagement actions. */
    void complete(InjectionReport report) {
        trendSeconds.forEach(this::addSpikes);
        for (Map.Entry<Scenario, String> rule : FRAUD_RULES.entrySet()) {
            for (Injection injection : report.injections(rule.getKey())) {
                actionIds.add("fraud:" + rule.getValue() + ":" + injection.subject() + ":"
                        + injection.details().get("trigger_time_ms"));
            }
        }
        for (Injection injection : report.injections(Scenario.ENGAGED_SESSION)) {
            actionIds.add("user-analytics:high_engagement:" + injection.subject() + ":" + injection.fromMillis());
        }
    }

    /**
     * The spike rule, judged at every second that has events of the key, in event-time order and on the counts of
     * every partition (the trend service waits for all of them): rising edge of more than 250 events in the
     * trailing 300 seconds.
     */
    private void addSpikes(String trendKey, TreeMap<Long, Long> seconds) {
        boolean spiking = false;
        for (long second : seconds.keySet()) {
            boolean above = sum(seconds, second - SPIKE_WINDOW_SECONDS + 1, second) > SPIKE_WINDOW_EVENTS;
            if (above && !spiking) {
                actionIds.add("trend:event_spike:" + trendKey + ":" + second * 1000);
            }
            spiking = above;
        }
    }

    private static long sum(TreeMap<Long, Long> counts, long fromInclusive, long toInclusive) {
        long total = 0;
        for (long count : counts.subMap(fromInclusive, true, toInclusive, true).values()) {
            total += count;
        }
        return total;
    }

    Set<String> actionIds() {
        return actionIds;
    }

    Map<String, Sales> sales() {
        return sales;
    }

    long countedRecords() {
        return counted;
    }

    long productsViewed() {
        return totalViews.size();
    }

    long totalViews(String product) {
        return totalViews.getOrDefault(product, 0L);
    }

    long uniqueViewers(String product) {
        return viewers.getOrDefault(product, Set.of()).size();
    }

    long purchases(String product) {
        return purchases.getOrDefault(product, 0L);
    }

    long productStreamTimeMs() {
        return productStreamTimeMs;
    }

    /** The most viewed products overall, most views first. */
    List<String> mostViewed(int n) {
        return top(totalViews, n).stream().map(Map.Entry::getKey).toList();
    }

    /**
     * Views in the hour ending at {@code nowSecond} of every product with any, for the top-N query. Needs the view
     * seconds of the whole window, which the trending computation keeps.
     */
    Map<String, Long> hourlyViewsAt(long nowSecond) {
        Map<String, Long> hourly = new HashMap<>();
        viewSecondsByProduct.forEach((product, seconds) -> {
            long views = sum(seconds, nowSecond - TRENDING_WINDOW_SECONDS + 1, nowSecond);
            if (views > 0) {
                hourly.put(product, views);
            }
        });
        return hourly;
    }

    static List<Map.Entry<String, Long>> top(Map<String, Long> hourly, int n) {
        List<Map.Entry<String, Long>> entries = new ArrayList<>(hourly.entrySet());
        entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        return entries.subList(0, Math.min(n, entries.size()));
    }
}
