package com.example.analytics.user;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Every rule threshold and window of the service (DESIGN.md section 4), under {@code analytics.user.*}.
 *
 * @param sessionGap              events of one user at most this far apart (inclusive) belong to one session
 * @param minEngagementDuration   a session must last at least this long (last − first event) to be engaged
 * @param engagementPagesPerMinute page views per minute of session duration that must be exceeded
 * @param maxSessionsPerUser      sessions kept per user (newest first); also the largest {@code limit} of the
 *                                sessions endpoint. At least 2, so dropping the oldest can never lose a merge
 * @param sessionRetention        past sessions ending longer ago than this (stream time) are dropped; the newest
 *                                session of a user is always kept. Must cover the gap plus the grace period
 * @param maxDistinctValues       distinct pages, devices and locations kept per session; further values are counted
 *                                in events and page views but not listed, so a long session stays compact
 * @param defaultSessionsLimit    sessions returned when the request gives no {@code limit}
 */
@Validated
@ConfigurationProperties("analytics.user")
public record UserAnalyticsProperties(
        @NotNull @DurationMin(seconds = 1) @DefaultValue("30m") Duration sessionGap,
        @NotNull @DurationMin(millis = 0) @DefaultValue("60s") Duration minEngagementDuration,
        @DecimalMin("0.0") @DefaultValue("5.0") double engagementPagesPerMinute,
        @Min(2) @Max(1000) @DefaultValue("20") int maxSessionsPerUser,
        @NotNull @DurationMin(minutes = 1) @DefaultValue("24h") Duration sessionRetention,
        @Min(1) @Max(10_000) @DefaultValue("100") int maxDistinctValues,
        @Min(1) @DefaultValue("10") int defaultSessionsLimit) {

    public UserAnalyticsProperties {
        if (defaultSessionsLimit > maxSessionsPerUser) {
            throw new IllegalArgumentException("analytics.user.default-sessions-limit (" + defaultSessionsLimit
                    + ") must not exceed analytics.user.max-sessions-per-user (" + maxSessionsPerUser + ")");
        }
    }

    /** The defaults above (bound from the annotations, not repeated), for code that builds the topology itself. */
    public static UserAnalyticsProperties defaults() {
        return new Binder().bindOrCreate("analytics.user", UserAnalyticsProperties.class);
    }
}
