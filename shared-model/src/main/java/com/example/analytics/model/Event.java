package com.example.analytics.model;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * An input event as producers publish it. The subject id is the record key of its topic
 * ({@code user_id} on {@code user_events}, {@code product_id} on {@code product_events}).
 */
public sealed interface Event permits UserEvent, ProductEvent {

    /** The id the event is keyed by on its topic. */
    String subjectId();

    String eventType();

    /** Event time in epoch seconds, as on the wire. */
    double timestamp();

    Map<String, Object> data();

    /** Optional producer-assigned id; {@code null} when the producer sent none. */
    String eventId();

    /** Event time in epoch milliseconds, the unit Kafka Streams uses for record timestamps. */
    default long timestampMillis() {
        return EpochSeconds.toMillis(timestamp());
    }

    /** A {@code data} field that is a non-empty JSON string. */
    default Optional<String> dataText(String field) {
        return data().get(field) instanceof String text && !text.isEmpty() ? Optional.of(text) : Optional.empty();
    }

    /** A {@code data} field that is a finite JSON number. */
    default OptionalDouble dataNumber(String field) {
        if (data().get(field) instanceof Number number) {
            double value = number.doubleValue();
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        }
        return OptionalDouble.empty();
    }

    /** True only for the JSON boolean {@code true}; the string "true" or a 1 do not count. */
    default boolean dataFlag(String field) {
        return Boolean.TRUE.equals(data().get(field));
    }
}
