package com.example.analytics.support.metrics;

/**
 * What a topology reports about its records. Spring-free so topologies stay plain and tests can count; the running
 * service backs it with Micrometer.
 */
public interface ProcessingMetrics {

    /** A bad record was written to the DLQ. */
    void deadLettered(String sourceTopic, String reason);

    /** A record arrived later than the grace period allows and was counted, not applied. */
    void late(String sourceTopic);

    /** An action was published to {@code real_time_actions}. */
    void actionEmitted(String actionType, String rule);

    ProcessingMetrics NONE = new ProcessingMetrics() {
        @Override
        public void deadLettered(String sourceTopic, String reason) {
        }

        @Override
        public void late(String sourceTopic) {
        }

        @Override
        public void actionEmitted(String actionType, String rule) {
        }
    };
}
