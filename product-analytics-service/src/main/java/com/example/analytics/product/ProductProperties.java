package com.example.analytics.product;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds and windows of the product-analytics service, under {@code analytics.product.*}
 * (env: {@code ANALYTICS_PRODUCT_*}). Plain data, so the topology is built the same way in tests.
 */
@Validated
@ConfigurationProperties("analytics.product")
public record ProductProperties(@Valid @NotNull @DefaultValue Trending trending,
                                @Valid @NotNull @DefaultValue Top top,
                                @Valid @NotNull @DefaultValue Sales sales) {

    /**
     * @param threshold a product trends when its views in the window exceed this
     * @param window    the trailing window of event time views are counted in
     */
    public record Trending(@Min(1) @DefaultValue("100") long threshold,
                           @NotNull @DefaultValue("1h") Duration window) {
        public int windowSeconds() {
            return Math.toIntExact(window.toSeconds());
        }
    }

    /**
     * @param maxLimit            the largest {@code limit} a top-N query accepts
     * @param maintenanceInterval how often (wall clock) each task re-ranks products whose views aged out
     */
    public record Top(@Min(1) @Max(10_000) @DefaultValue("1000") int maxLimit,
                      @NotNull @DefaultValue("60s") Duration maintenanceInterval) {
    }

    /**
     * @param minAmount         purchases above this amount are summarised
     * @param window            tumbling window per store
     * @param grace             how long after a window's end it still accepts out-of-order purchases
     * @param progressInterval  how often (wall clock) each source task tells the windows how far it is done
     * @param idleSourceTimeout how long (wall clock) a window waits for a source partition that has stopped moving,
     *                          and after how long without records a source counts as done up to its stream time
     * @param retention         how long closed summaries stay queryable
     * @param defaultStoreId    store of purchases without {@code data.store_id}
     */
    public record Sales(@DefaultValue("100") double minAmount,
                        @NotNull @DefaultValue("1m") Duration window,
                        @NotNull @DefaultValue("5s") Duration grace,
                        @NotNull @DefaultValue("100ms") Duration progressInterval,
                        @NotNull @DefaultValue("2s") Duration idleSourceTimeout,
                        @NotNull @DefaultValue("7d") Duration retention,
                        @NotNull @DefaultValue("default") String defaultStoreId) {
    }

    public ProductProperties {
        if (trending.window().toSeconds() < 1 || trending.window().toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("analytics.product.trending.window must be a whole number of seconds");
        }
        if (sales.window().toMillis() < 1000 || sales.grace().isNegative()) {
            throw new IllegalArgumentException(
                    "analytics.product.sales.window must be at least 1s and analytics.product.sales.grace not negative");
        }
        if (sales.progressInterval().toMillis() < 1) {
            throw new IllegalArgumentException("analytics.product.sales.progress-interval must be at least 1ms");
        }
        if (sales.idleSourceTimeout().compareTo(sales.progressInterval()) < 0) {
            throw new IllegalArgumentException("analytics.product.sales.idle-source-timeout must not be shorter than "
                    + "progress-interval");
        }
        if (sales.retention().compareTo(sales.window().plus(sales.grace())) < 0) {
            throw new IllegalArgumentException(
                    "analytics.product.sales.retention must cover at least one window and its grace");
        }
    }

    /** The defaults of DESIGN.md section 4. */
    public static ProductProperties defaults() {
        return new ProductProperties(new Trending(100, Duration.ofHours(1)), new Top(1000, Duration.ofSeconds(60)),
                new Sales(100, Duration.ofMinutes(1), Duration.ofSeconds(5), Duration.ofMillis(100),
                        Duration.ofSeconds(2), Duration.ofDays(7), "default"));
    }
}
