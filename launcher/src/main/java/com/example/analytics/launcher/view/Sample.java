package com.example.analytics.launcher.view;

import com.example.analytics.model.Action;
import java.util.List;
import java.util.Map;

/**
 * One reading of the running platform, as the web view and the demo's console show it. A figure whose source did
 * not answer is {@code null} (absent from the JSON), and a per-service map leaves out the services that did not,
 * so "no answer" is never shown as "zero".
 *
 * @param time             when it was taken, epoch seconds
 * @param eventsPerSecond  per input topic, records appended per second since the previous reading (absent in the
 *                         first reading)
 * @param actionsByRule    actions published since the services started, per rule (the action type for rules that
 *                         are one per type)
 * @param lagByService     records the service's consumers are behind, summed over their partitions
 * @param deadLettered     records sent to the dead-letter topic since the service started
 * @param late             records older than the grace period since the service started
 * @param topProducts      most viewed products of the last hour
 * @param trends           every trend key with its current rate
 * @param latestAlerts     the newest fraud alerts first
 * @param sessions         open sessions
 */
public record Sample(double time, Map<String, Double> eventsPerSecond, Map<String, Long> actionsByRule,
                     Map<String, Long> lagByService, Map<String, Long> deadLettered, Map<String, Long> late,
                     List<ProductViews> topProducts, List<Trend> trends, List<Action> latestAlerts,
                     Sessions sessions) {

    public record ProductViews(String productId, long hourlyViews) {
    }

    public record Trend(String trendKey, double eventsPerMinute, boolean spiking) {
    }

    public record Sessions(long activeSessions, long totalUsers) {
    }
}
