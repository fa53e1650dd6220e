package com.example.analytics.trend;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Spike rule, windows and pre-aggregation of the trend service, under {@code analytics.trend.*}
 * (env: {@code ANALYTICS_TREND_*}). Defaults are DESIGN.md section 4.
 *
 * @param threshold      a trend key spikes when its events per minute over {@code window} exceed this
 * @param window         trailing window of the spike rule, whole minutes
 * @param baselineWindow trailing window of the baseline rate and the per-minute history, whole minutes
 * @param preAggregate   count per source partition and second before re-keying (false = re-key every event)
 * @param flushInterval  how often (wall clock) each source task sends its partial counts on
 * @param idleSourceTimeout how long (wall clock) the spike rule waits for a source partition that has stopped
 *                       moving, and after how long without records a source counts as done up to its stream time
 */
@Validated
@ConfigurationProperties("analytics.trend")
public record TrendProperties(@Min(1) @DefaultValue("50") long threshold,
                              @NotNull @DefaultValue("300s") Duration window,
                              @NotNull @DefaultValue("1h") Duration baselineWindow,
                              @DefaultValue("true") boolean preAggregate,
                              @NotNull @DefaultValue("100ms") Duration flushInterval,
                              @NotNull @DefaultValue("2s") Duration idleSourceTimeout) {

    public TrendProperties {
        for (var entry : java.util.Map.of("window", window, "baseline-window", baselineWindow).entrySet()) {
            if (entry.getValue().toSeconds() < 60 || entry.getValue().toMillis() % 60_000 != 0) {
                throw new IllegalArgumentException("analytics.trend." + entry.getKey()
                        + " must be a positive whole number of minutes");
            }
        }
        if (baselineWindow.compareTo(window) < 0) {
            throw new IllegalArgumentException("analytics.trend.baseline-window must not be shorter than window");
        }
        if (flushInterval.toMillis() < 1) {
            throw new IllegalArgumentException("analytics.trend.flush-interval must be at least 1ms");
        }
        if (idleSourceTimeout.compareTo(flushInterval) < 0) {
            throw new IllegalArgumentException("analytics.trend.idle-source-timeout must not be shorter than "
                    + "flush-interval");
        }
    }

    public int windowSeconds() {
        return Math.toIntExact(window.toSeconds());
    }

    public double windowMinutes() {
        return window.toSeconds() / 60.0;
    }

    public int baselineMinutes() {
        return Math.toIntExact(baselineWindow.toMinutes());
    }

    public static TrendProperties defaults() {
        return new TrendProperties(50, Duration.ofSeconds(300), Duration.ofHours(1), true, Duration.ofMillis(100),
                Duration.ofSeconds(2));
    }

    public TrendProperties withPreAggregate(boolean preAggregate) {
        return new TrendProperties(threshold, window, baselineWindow, preAggregate, flushInterval, idleSourceTimeout);
    }
}
