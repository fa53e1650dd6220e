package com.example.analytics.loadgen;

import com.example.analytics.model.Event;

/**
 * One record as a producer would send it, with what the generator knows about it.
 *
 * @param key         the record key bytes; null for a {@link BadKind#NULL_KEY} record
 * @param value       the record value bytes
 * @param eventTimeMillis the event time written into the value (for a bad record: the time it was sent at)
 * @param event       the parsed event, or null when the record is bad
 * @param bad         why the record is bad, or null when it is good
 * @param timing      whether the record was sent in order, a little behind (within grace) or far behind
 * @param scenario    the scenario that produced the record, or null for normal traffic
 * @param subject     the user or product id the record is about
 */
public record GeneratedRecord(String topic, byte[] key, byte[] value, long eventTimeMillis, Event event,
                             BadKind bad, Timing timing, Scenario scenario, String subject) {

    public enum Timing {
        IN_ORDER,
        OUT_OF_ORDER,
        LATE
    }

    public boolean isBad() {
        return bad != null;
    }
}
