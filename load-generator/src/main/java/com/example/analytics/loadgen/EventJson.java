package com.example.analytics.loadgen;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * Writes event values with Jackson's streaming generator, fields in a fixed order (id, {@code event_type},
 * {@code timestamp}, {@code data}, {@code event_id}), and the malformed variants bad records need.
 *
 * <p>The generator must outrun the services it feeds, so one Jackson generator lives as long as this writer: each
 * event is one root-level value written into a reused buffer, then cut off. A generator per event would allocate
 * twice as much per record. Not thread-safe: one per simulation.
 */
final class EventJson {

    private static final JsonFactory FACTORY = JsonFactory.builder()
            // Root-level values follow each other without the default space, so each event's bytes stand alone.
            .rootValueSeparator((String) null)
            // Escapes of control characters with lower-case hex digits, as the generator has always written them:
            // the same seed keeps giving the same bytes.
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            .build();

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
    private final JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), buffer);

    /**
     * Builds an event value; null fields are left out, so the same code writes records missing a field.
     *
     * @param timestamp a {@link NumberText} for a well-formed time; a string, a whole number or a {@code NaN} token
     *                  for the bad variants
     * @param data      strings, numbers, booleans and nested maps
     */
    byte[] event(String idField, Object id, String eventType, Object timestamp, Map<String, Object> data,
                 String eventId) {
        json.writeStartObject();
        if (id != null) {
            json.writeName(idField);
            value(id);
        }
        if (eventType != null) {
            json.writeStringProperty("event_type", eventType);
        }
        if (timestamp != null) {
            json.writeName("timestamp");
            value(timestamp);
        }
        if (data != null) {
            json.writeName("data");
            value(data);
        }
        if (eventId != null) {
            json.writeStringProperty("event_id", eventId);
        }
        json.writeEndObject();
        json.flush();
        byte[] event = buffer.toByteArray();
        buffer.reset();
        return event;
    }

    /** Epoch seconds with millisecond precision, in plain notation: {@code 1732450000.250}. */
    static NumberText seconds(long epochMillis) {
        long seconds = Math.floorDiv(epochMillis, 1000);
        long millis = Math.floorMod(epochMillis, 1000);
        return new NumberText(seconds + "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + millis);
    }

    /**
     * A number token written exactly as given: a fixed count of decimals that {@link Double#toString} would not keep,
     * or a {@code NaN}, which JSON does not have and a bad record needs.
     */
    record NumberText(String text) {
    }

    @SuppressWarnings("unchecked")
    private void value(Object value) {
        if (value == null) {
            json.writeNull();
        } else if (value instanceof String text) {
            json.writeString(text);
        } else if (value instanceof NumberText number) {
            json.writeNumber(number.text());
        } else if (value instanceof Double number) {
            json.writeNumber(number.doubleValue());
        } else if (value instanceof Integer number) {
            json.writeNumber(number.intValue());
        } else if (value instanceof Long number) {
            json.writeNumber(number.longValue());
        } else if (value instanceof Boolean flag) {
            json.writeBoolean(flag);
        } else if (value instanceof Map<?, ?> map) {
            json.writeStartObject();
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                json.writeName(entry.getKey());
                value(entry.getValue());
            }
            json.writeEndObject();
        } else {
            throw new IllegalArgumentException("no JSON form for " + value + " (" + value.getClass().getName() + ")");
        }
    }
}
