package com.example.analytics.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.support.config.BoundProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.MethodParameter;

/**
 * A bound that names a property is read as the service bound it, so the record's default counts where no
 * configuration file sets it (the launcher's services share one class path and so one application.yml).
 */
class LimitArgumentResolverTest {

    @ConfigurationProperties("test.limits")
    record Limits(@DefaultValue Top top) {
        record Top(@DefaultValue("7") int maxLimit) {
        }
    }

    @EnableConfigurationProperties(Limits.class)
    static class WithLimits {
    }

    static class Endpoints {
        void top(@Limit(defaultValue = "2", max = "test.limits.top.max-limit") int limit) {
        }

        void unknown(@Limit(defaultValue = "2", max = "test.limits.top.nothing") int limit) {
        }

        void defaultAboveMax(@Limit(defaultValue = "8", max = "test.limits.top.max-limit") int limit) {
        }
    }

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withUserConfiguration(WithLimits.class);

    @Test
    void aBoundNamingAPropertyIsTheBoundValueWithTheRecordsDefault() {
        contexts.run(context -> assertThat(resolver(context).bounds(parameter("top")))
                .isEqualTo(new LimitArgumentResolver.Bounds("limit", 2, 7)));
        contexts.withPropertyValues("test.limits.top.max-limit=9").run(context ->
                assertThat(resolver(context).bounds(parameter("top")).max()).isEqualTo(9));
    }

    @Test
    void aBoundThatNamesNoPropertyOrExceedsTheMaxIsAnErrorNamingIt() {
        contexts.run(context -> {
            assertThatThrownBy(() -> resolver(context).bounds(parameter("unknown")))
                    .hasMessageContaining("test.limits.top.nothing");
            assertThatThrownBy(() -> resolver(context).bounds(parameter("defaultAboveMax")))
                    .hasMessageContaining("default 8 is not within 1..7");
        });
    }

    private static LimitArgumentResolver resolver(org.springframework.context.ApplicationContext context) {
        return new LimitArgumentResolver(new BoundProperties(context));
    }

    private static MethodParameter parameter(String method) throws NoSuchMethodException {
        return new MethodParameter(Endpoints.class.getDeclaredMethod(method, int.class), 0);
    }
}
