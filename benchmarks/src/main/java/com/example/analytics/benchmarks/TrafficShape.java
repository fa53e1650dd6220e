package com.example.analytics.benchmarks;

import com.example.analytics.loadgen.GeneratorConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How the pre-filled traffic is spread over event time. The same services must cost the same per event on both: a
 * busy shop's last hours, and a replay of a quiet week where almost every event is alone in its second.
 */
public enum TrafficShape {

    /** Four hours of event time, whatever the count: 2M events are about 140 per second of event time. */
    DENSE("dense", 2_000_000) {
        @Override
        double eventsPerSecond(long events) {
            return Math.max(20, events / (double) Duration.ofHours(4).toSeconds());
        }
    },

    /** Two events per second of event time, as the load generator's {@code --rate 2}: 1M events span 5.8 days. */
    SPARSE("sparse", 1_000_000) {
        @Override
        double eventsPerSecond(long events) {
            return 2;
        }
    };

    /** Every event time ends this long before the pre-fill starts, well inside the services' future bound. */
    private static final Duration ENDS_BEFORE_NOW = Duration.ofHours(2);

    private final String optionValue;
    private final long defaultEvents;

    TrafficShape(String optionValue, long defaultEvents) {
        this.optionValue = optionValue;
        this.defaultEvents = defaultEvents;
    }

    abstract double eventsPerSecond(long events);

    public static Optional<TrafficShape> of(String optionValue) {
        return Stream.of(values()).filter(shape -> shape.optionValue.equals(optionValue)).findFirst();
    }

    /** How {@code --shape} spells it. */
    public String optionValue() {
        return optionValue;
    }

    /** The count this shape is defined with, when {@code --events} does not say otherwise. */
    public long defaultEvents() {
        return defaultEvents;
    }

    /** The generator of this shape: every scenario, 1% bad records, ending two hours before now. */
    GeneratorConfig generator(long events, int users) {
        double rate = eventsPerSecond(events);
        Duration span = Duration.ofMillis(Math.round(events / rate * 1000));
        return GeneratorConfig.builder().seed(14).events(events).users(users).eventsPerSecond(rate)
                .start(Instant.now().minus(span).minus(ENDS_BEFORE_NOW)).badFraction(0.01).build();
    }
}
