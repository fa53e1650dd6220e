package com.example.analytics.fraud;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds and windows of the fraud rules and how many alerts are kept, under {@code analytics.fraud.*}
 * (env: {@code ANALYTICS_FRAUD_*}). Defaults are DESIGN.md section 4.
 */
@Validated
@ConfigurationProperties("analytics.fraud")
public record FraudProperties(@Valid @NotNull @DefaultValue ExcessiveActivity excessiveActivity,
                              @Valid @NotNull @DefaultValue ImpossibleTravel impossibleTravel,
                              @Valid @NotNull @DefaultValue SuspiciousLogin suspiciousLogin,
                              @Valid @NotNull @DefaultValue Alerts alerts) {

    /** More than {@code threshold} user events in the trailing {@code window}. */
    public record ExcessiveActivity(@DefaultValue("true") boolean enabled,
                                    @Min(1) @DefaultValue("50") long threshold,
                                    @NotNull @DefaultValue("60s") Duration window) {
    }

    /** More than {@code threshold} distinct locations in the trailing {@code window}. */
    public record ImpossibleTravel(@DefaultValue("true") boolean enabled,
                                   @Min(1) @DefaultValue("5") int threshold,
                                   @NotNull @DefaultValue("1h") Duration window) {
    }

    /** A transaction above {@code minAmount} at most {@code within} after a suspicious login. */
    public record SuspiciousLogin(@DefaultValue("true") boolean enabled,
                                  @DefaultValue("1000") double minAmount,
                                  @NotNull @DefaultValue("300s") Duration within) {
    }

    /**
     * @param perUser            alerts kept per user, most recent first
     * @param recentPerPartition alerts kept per partition for the global most-recent list
     * @param retention          alerts older than this (event time) are dropped from the user's list
     * @param cleanupInterval    how often (wall clock) state that aged out of every window is removed
     */
    public record Alerts(@Min(1) @Max(1000) @DefaultValue("20") int perUser,
                         @Min(1) @Max(10_000) @DefaultValue("1000") int recentPerPartition,
                         @NotNull @DefaultValue("7d") Duration retention,
                         @NotNull @DefaultValue("60s") Duration cleanupInterval) {
    }

    public FraudProperties {
        if (excessiveActivity.window().toSeconds() < 1 || excessiveActivity.window().toMillis() % 1000 != 0) {
            throw new IllegalArgumentException(
                    "analytics.fraud.excessive-activity.window must be a whole number of seconds");
        }
        if (impossibleTravel.window().isNegative() || impossibleTravel.window().isZero()
                || suspiciousLogin.within().isNegative()) {
            throw new IllegalArgumentException("analytics.fraud.impossible-travel.window must be positive and "
                    + "analytics.fraud.suspicious-login.within not negative");
        }
    }

    public static FraudProperties defaults() {
        return new FraudProperties(new ExcessiveActivity(true, 50, Duration.ofSeconds(60)),
                new ImpossibleTravel(true, 5, Duration.ofHours(1)),
                new SuspiciousLogin(true, 1000, Duration.ofSeconds(300)),
                new Alerts(20, 1000, Duration.ofDays(7), Duration.ofSeconds(60)));
    }
}
