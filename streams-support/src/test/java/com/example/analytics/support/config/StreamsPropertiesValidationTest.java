package com.example.analytics.support.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.support.streams.StateStores;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/** A wrong setting stops the service at start with a message naming the property, not later with a stack trace. */
class StreamsPropertiesValidationTest {

    @Configuration
    @EnableConfigurationProperties(AnalyticsStreamsProperties.class)
    static class PropertiesOnly {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
            .withUserConfiguration(PropertiesOnly.class)
            .withPropertyValues("analytics.streams.service-name=test-service");

    @Test
    void defaultsAreTheDesignDefaults() {
        runner.run(context -> {
            AnalyticsStreamsProperties props = context.getBean(AnalyticsStreamsProperties.class);
            assertThat(props.processingGuarantee()).isEqualTo(AnalyticsStreamsProperties.ProcessingGuarantee.EXACTLY_ONCE_V2);
            assertThat(props.partitions()).isEqualTo(6);
            assertThat(props.grace()).hasSeconds(5);
            assertThat(props.commitInterval()).hasMillis(100);
            assertThat(props.effectiveApplicationId()).isEqualTo("test-service");
            assertThat(props.maxFutureSkew()).hasHours(1);
            assertThat(props.maxEventBytes()).isEqualTo(64 * 1024);
            assertThat(props.stateStores()).as("unset: each service's own default").isNull();
            assertThat(props.effectiveStateStores()).as("a service without a definition").isEqualTo(StateStores.ROCKSDB);
        });
    }

    @Test
    void eitherStoreKindIsOneSettingAway() {
        runner.withPropertyValues("analytics.streams.state-stores=in-memory").run(context ->
                assertThat(context.getBean(AnalyticsStreamsProperties.class).effectiveStateStores())
                        .isEqualTo(StateStores.IN_MEMORY));
        runner.withPropertyValues("analytics.streams.state-stores=rocksdb").run(context ->
                assertThat(context.getBean(AnalyticsStreamsProperties.class).effectiveStateStores())
                        .isEqualTo(StateStores.ROCKSDB));
    }

    @Test
    void anUnknownStoreKindFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.state-stores=cassandra").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("analytics.streams.state-stores");
        });
    }

    @Test
    void atLeastOnceIsOneSettingAway() {
        runner.withPropertyValues("analytics.streams.processing-guarantee=at_least_once").run(context ->
                assertThat(context.getBean(AnalyticsStreamsProperties.class).processingGuarantee().kafkaValue())
                        .isEqualTo("at_least_once"));
    }

    @Test
    void anOutOfRangeValueFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.partitions=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("analytics.streams.partitions");
        });
    }

    @Test
    void aFutureSkewThatIsNotPositiveFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.max-future-skew=0s").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("analytics.streams.max-future-skew");
        });
    }

    @Test
    void anEventSizeBoundBeyondTheBrokerLimitFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.max-event-bytes=2000000").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("analytics.streams.max-event-bytes");
        });
    }

    @Test
    void aMalformedApplicationServerFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.application-server=no-port").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("analytics.streams.application-server");
        });
    }

    @Test
    void anUnknownGuaranteeFailsStartupNamingTheProperty() {
        runner.withPropertyValues("analytics.streams.processing-guarantee=exactly_twice").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("analytics.streams.processing-guarantee");
        });
    }
}
