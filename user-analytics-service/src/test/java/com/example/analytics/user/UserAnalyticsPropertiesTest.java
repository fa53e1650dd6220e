package com.example.analytics.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.user.session.SessionRules;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The properties as an operator sets them: defaults of DESIGN.md, and wrong values refused with their name. */
class UserAnalyticsPropertiesTest {

    @Test
    void theDefaultsAreTheContractsThresholds() {
        UserAnalyticsProperties props = UserAnalyticsProperties.defaults();

        assertThat(props.sessionGap()).isEqualTo(Duration.ofMinutes(30));
        assertThat(props.minEngagementDuration()).isEqualTo(Duration.ofSeconds(60));
        assertThat(props.engagementPagesPerMinute()).isEqualTo(5.0);
    }

    @Test
    void valuesBindFromThePrefix() {
        UserAnalyticsProperties props = bind(Map.of("analytics.user.session-gap", "10m",
                "analytics.user.engagement-pages-per-minute", "7.5"));

        assertThat(props.sessionGap()).isEqualTo(Duration.ofMinutes(10));
        assertThat(props.engagementPagesPerMinute()).isEqualTo(7.5);
    }

    @Test
    void aDefaultLimitAboveTheSessionsKeptIsRefused() {
        assertThatThrownBy(() -> bind(Map.of("analytics.user.max-sessions-per-user", "5",
                "analytics.user.default-sessions-limit", "6")))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("default-sessions-limit");
    }

    @Test
    void aRetentionShorterThanGapPlusGraceIsRefused() {
        UserAnalyticsProperties props = bind(Map.of("analytics.user.session-retention", "30m"));

        assertThatThrownBy(() -> SessionRules.of(props, Duration.ofSeconds(5)))
                .hasMessageContaining("session-retention");
    }

    private static UserAnalyticsProperties bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("analytics.user", UserAnalyticsProperties.class);
    }
}
