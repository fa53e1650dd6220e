package com.example.analytics.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters on {@code /actuator/prometheus}: {@code analytics_dlq_records_total}, {@code analytics_late_records_total}
 * and {@code analytics_actions_total}, each tagged with the service. The late and DLQ totals are also kept here for
 * the REST statistics of this instance.
 */
public class MicrometerProcessingMetrics implements ProcessingMetrics {

    private final MeterRegistry registry;
    private final String service;
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder late = new LongAdder();

    public MicrometerProcessingMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    @Override
    public void deadLettered(String sourceTopic, String reason) {
        deadLettered.increment();
        Counter.builder("analytics.dlq.records")
                .description("Bad records written to the dead-letter topic")
                .tags("service", service, "source_topic", sourceTopic, "reason", reason)
                .register(registry)
                .increment();
    }

    @Override
    public void late(String sourceTopic) {
        late.increment();
        Counter.builder("analytics.late.records")
                .description("Records older than stream time minus grace; counted, not applied")
                .tags("service", service, "source_topic", sourceTopic)
                .register(registry)
                .increment();
    }

    @Override
    public void actionEmitted(String actionType, String rule) {
        Counter.builder("analytics.actions")
                .description("Actions published to real_time_actions")
                .tags("service", service, "action_type", actionType, "rule", rule == null ? actionType : rule)
                .register(registry)
                .increment();
    }

    public long deadLetteredTotal() {
        return deadLettered.sum();
    }

    public long lateTotal() {
        return late.sum();
    }
}
