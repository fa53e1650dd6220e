package com.example.analytics.support.streams;

import com.example.analytics.model.Action;
import com.example.analytics.support.metrics.ProcessingMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What every topology needs from its runtime besides its own rule properties: who it is, the clocks, and where to
 * report. Plain data, so a topology built in a test is the one built in the service.
 *
 * @param clock         wall clock, for {@code detected_at} and the future bound of event times
 * @param grace         how far behind stream time a record may be and still count
 * @param maxFutureSkew how far ahead of {@code clock} an event time may be before it is bad input
 * @param maxEventBytes the largest input value that is not bad input
 * @param stateStores   where the topology's state stores keep their data
 */
public record TopologyEnvironment(String serviceName, Clock clock, Duration grace, Duration maxFutureSkew,
                                  ProcessingMetrics metrics, StreamTime streamTime, int maxEventBytes,
                                  StateStores stateStores) {

    /** The default of {@code analytics.streams.max-event-bytes}. */
    public static final int DEFAULT_MAX_EVENT_BYTES = 64 * 1024;

    public TopologyEnvironment(String serviceName, Clock clock, Duration grace, Duration maxFutureSkew,
                               ProcessingMetrics metrics, StreamTime streamTime) {
        this(serviceName, clock, grace, maxFutureSkew, metrics, streamTime, DEFAULT_MAX_EVENT_BYTES,
                StateStores.ROCKSDB);
    }

    public TopologyEnvironment {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(streamTime, "streamTime");
        Objects.requireNonNull(stateStores, "stateStores");
        if (maxEventBytes < 1) {
            throw new IllegalArgumentException("maxEventBytes must be positive");
        }
    }

    /** The same environment with state kept in {@code stores}. */
    public TopologyEnvironment withStateStores(StateStores stores) {
        return new TopologyEnvironment(serviceName, clock, grace, maxFutureSkew, metrics, streamTime, maxEventBytes,
                stores);
    }

    /**
     * An action of this service, detected now, for the record at {@code eventTimeMillis} that triggered it.
     *
     * @param rule    the rule that fired, or null when the action type has only one
     * @param trigger what tells two firings for one subject apart; usually the trigger's event time in ms
     */
    public Action action(String actionType, String rule, String subject, String trigger, long eventTimeMillis,
                         Map<String, Object> data) {
        return Action.of(serviceName, actionType, rule, subject, trigger, eventTimeMillis, clock.millis(), data);
    }

    /** Defaults of the running services (5 s grace, 1 h future bound) with the given clock and metrics. */
    public static TopologyEnvironment of(String serviceName, Clock clock, ProcessingMetrics metrics) {
        return new TopologyEnvironment(serviceName, clock, Duration.ofSeconds(5), Duration.ofHours(1), metrics,
                new StreamTime());
    }
}
