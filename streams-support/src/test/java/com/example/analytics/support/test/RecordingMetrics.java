package com.example.analytics.support.test;

import com.example.analytics.support.metrics.ProcessingMetrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts what a topology reports, for assertions in topology tests. */
public final class RecordingMetrics implements ProcessingMetrics {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    @Override
    public void deadLettered(String sourceTopic, String reason) {
        increment("dlq:" + reason);
        increment("dlq");
    }

    @Override
    public void late(String sourceTopic) {
        increment("late:" + sourceTopic);
        increment("late");
    }

    @Override
    public void actionEmitted(String actionType, String rule) {
        increment("action:" + (rule == null ? actionType : rule));
        increment("action");
    }

    public long deadLettered() {
        return count("dlq");
    }

    public long deadLettered(String reason) {
        return count("dlq:" + reason);
    }

    public long late() {
        return count("late");
    }

    public long lateFrom(String sourceTopic) {
        return count("late:" + sourceTopic);
    }

    public long actions(String ruleOrType) {
        return count("action:" + ruleOrType);
    }

    private long count(String key) {
        LongAdder adder = counts.get(key);
        return adder == null ? 0 : adder.sum();
    }

    private void increment(String key) {
        counts.computeIfAbsent(key, k -> new LongAdder()).increment();
    }
}
