package com.example.analytics.loadgen;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a generator run produced beyond normal traffic, filled in as the stream is consumed: every scenario
 * occurrence whose trigger record was emitted (a run may end before the rest of an occurrence), and counts of bad, out-of-order and late records. Tests state what
 * services must detect from it without re-implementing the rules.
 */
public final class InjectionReport {

    private final List<Injection> injections = new ArrayList<>();
    private final Map<BadKind, Long> badByKind = new EnumMap<>(BadKind.class);
    private final Map<String, Long> recordsByTopic = new TreeMap<>();
    private long outOfOrder;
    private long late;

    synchronized void triggered(Injection injection) {
        injections.add(injection);
    }

    synchronized void emitted(GeneratedRecord record) {
        recordsByTopic.merge(record.topic(), 1L, Long::sum);
        if (record.bad() != null) {
            badByKind.merge(record.bad(), 1L, Long::sum);
        }
        if (record.timing() == GeneratedRecord.Timing.OUT_OF_ORDER) {
            outOfOrder++;
        } else if (record.timing() == GeneratedRecord.Timing.LATE) {
            late++;
        }
    }

    /**
     * Scenario occurrences whose trigger record has been emitted, in trigger order. An occurrence cut off by the end of
     * the run is listed if its trigger was reached; its details still describe the whole script.
     */
    public synchronized List<Injection> injections() {
        return List.copyOf(injections);
    }

    public synchronized List<Injection> injections(Scenario scenario) {
        return injections.stream().filter(injection -> injection.scenario() == scenario).toList();
    }

    public synchronized Map<BadKind, Long> badByKind() {
        return Map.copyOf(badByKind);
    }

    public synchronized long badRecords() {
        return badByKind.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized Map<String, Long> recordsByTopic() {
        return Map.copyOf(recordsByTopic);
    }

    public synchronized long records() {
        return recordsByTopic.values().stream().mapToLong(Long::longValue).sum();
    }

    public synchronized long outOfOrderRecords() {
        return outOfOrder;
    }

    public synchronized long lateRecords() {
        return late;
    }

    @Override
    public synchronized String toString() {
        StringBuilder text = new StringBuilder();
        text.append("records ").append(recordsByTopic).append('\n');
        text.append("bad ").append(badRecords()).append(' ').append(badByKind).append('\n');
        text.append("out of order ").append(outOfOrder).append(", late ").append(late).append('\n');
        for (Injection injection : injections) {
            text.append(injection.scenario()).append(' ').append(injection.subject()).append(" expect ")
                    .append(injection.expect()).append(' ').append(injection.details()).append('\n');
        }
        return text.toString();
    }
}
