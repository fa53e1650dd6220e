package com.example.analytics.support.health;

import com.example.analytics.support.streams.ManagedKafkaStreams;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Probes backed by the Kafka Streams client. Readiness: RUNNING with nothing restoring, so a pod only receives
 * client traffic once its answers are complete. Liveness: DOWN only in ERROR/PENDING_ERROR, the states a restart
 * can cure; a rebalance is not a reason to kill a pod.
 */
public final class KafkaStreamsHealth {

    private KafkaStreamsHealth() {
    }

    public static HealthIndicator readiness(ManagedKafkaStreams runtime) {
        return () -> (runtime.isReady() ? Health.up() : Health.outOfService()).withDetails(runtime.describe()).build();
    }

    public static HealthIndicator liveness(ManagedKafkaStreams runtime) {
        return () -> (runtime.isBroken() ? Health.down() : Health.up()).withDetails(runtime.describe()).build();
    }
}
