package com.example.analytics.support.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters on {@code /actuator/prometheus}: {@code analytics_dlq_records_total}, {@code analytics_late_records_total}
 * and {@code analytics_actions_total}, each tagged with the service. The late and DLQ totals are also kept here for
 * the REST statistics of this instance.
 */
public class MicrometerProcessingMetrics implements ProcessingMetrics {

    private static final String DLQ = "analytics.dlq.records";
    private static final String LATE = "analytics.late.records";
    private static final String ACTIONS = "analytics.actions";

    private final MeterRegistry registry;
    private final String service;
    private final LongAdder deadLettered = new LongAdder();
    private final LongAdder late = new LongAdder();
    /** By metric name and tag values: stream threads look counters up here rather than building them per record. */
    private final Map<SeriesKey, Counter> counters = new ConcurrentHashMap<>();

    private record SeriesKey(String name, String first, String second) {
    }

    public MicrometerProcessingMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.service = service;
    }

    /**
     * Registers every series known before the first record, at 0.
     *
     * @param inputTopics          where any DLQ reason and late records can occur
     * @param dlqReasons           every reason a bad input record can get
     * @param processingErrorTopics other topics read, where only {@code processingErrorReason} can occur
     */
    public void registerAtZero(Collection<String> inputTopics, Collection<String> dlqReasons,
                               Collection<String> processingErrorTopics, String processingErrorReason,
                               CounterSeries series) {
        for (String topic : inputTopics) {
            dlqReasons.forEach(reason -> dlqCounter(topic, reason));
            lateCounter(topic);
        }
        processingErrorTopics.forEach(topic -> dlqCounter(topic, processingErrorReason));
        series.lateSources().forEach(this::lateCounter);
        series.actions().forEach(action -> actionCounter(action.actionType(), action.ruleTag()));
    }

    @Override
    public void deadLettered(String sourceTopic, String reason) {
        deadLettered.increment();
        dlqCounter(sourceTopic, reason).increment();
    }

    @Override
    public void late(String sourceTopic) {
        late.increment();
        lateCounter(sourceTopic).increment();
    }

    @Override
    public void actionEmitted(String actionType, String rule) {
        actionCounter(actionType, rule == null ? actionType : rule).increment();
    }

    public long deadLetteredTotal() {
        return deadLettered.sum();
    }

    public long lateTotal() {
        return late.sum();
    }

    private Counter dlqCounter(String sourceTopic, String reason) {
        return counters.computeIfAbsent(new SeriesKey(DLQ, sourceTopic, reason), key -> Counter.builder(DLQ)
                .description("Bad records written to the dead-letter topic")
                .tags("service", service, "source_topic", sourceTopic, "reason", reason)
                .register(registry));
    }

    private Counter lateCounter(String sourceTopic) {
        return counters.computeIfAbsent(new SeriesKey(LATE, sourceTopic, ""), key -> Counter.builder(LATE)
                .description("Records older than stream time minus grace; counted, not applied")
                .tags("service", service, "source_topic", sourceTopic)
                .register(registry));
    }

    private Counter actionCounter(String actionType, String ruleTag) {
        return counters.computeIfAbsent(new SeriesKey(ACTIONS, actionType, ruleTag), key -> Counter.builder(ACTIONS)
                .description("Actions published to real_time_actions")
                .tags("service", service, "action_type", actionType, "rule", ruleTag)
                .register(registry));
    }
}
