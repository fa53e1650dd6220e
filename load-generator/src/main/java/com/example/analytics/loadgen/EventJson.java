package com.example.analytics.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes event JSON exactly as DESIGN.md shows it, by hand: the generator must outrun the services it feeds, and a
 * general-purpose mapper would be its most expensive step. Also writes the malformed variants bad records need.
 */
final class EventJson {

    private EventJson() {
    }

    /** Builds an event value; null fields are left out, so the same code writes records missing a field. */
    static String event(String idField, Object id, String eventType, Object timestamp, Map<String, Object> data,
                        String eventId) {
        StringBuilder json = new StringBuilder(160).append('{');
        boolean first = true;
        if (id != null) {
            first = field(json, first, idField, id);
        }
        if (eventType != null) {
            first = field(json, first, "event_type", eventType);
        }
        if (timestamp != null) {
            first = field(json, first, "timestamp", timestamp);
        }
        if (data != null) {
            first = field(json, first, "data", data);
        }
        if (eventId != null) {
            field(json, first, "event_id", eventId);
        }
        return json.append('}').toString();
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** Epoch seconds with millisecond precision, in plain notation: {@code 1732450000.250}. */
    static Seconds seconds(long epochMillis) {
        return new Seconds(epochMillis);
    }

    /** A timestamp written as a JSON number of seconds. */
    record Seconds(long epochMillis) {
        @Override
        public String toString() {
            long seconds = Math.floorDiv(epochMillis, 1000);
            long millis = Math.floorMod(epochMillis, 1000);
            return seconds + "." + (millis < 10 ? "00" : millis < 100 ? "0" : "") + millis;
        }
    }

    /** A token written as it is, for values JSON does not have (NaN). */
    record Raw(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private static boolean field(StringBuilder json, boolean first, String name, Object value) {
        if (!first) {
            json.append(',');
        }
        string(json, name);
        json.append(':');
        value(json, value);
        return false;
    }

    @SuppressWarnings("unchecked")
    private static void value(StringBuilder json, Object value) {
        if (value == null) {
            json.append("null");
        } else if (value instanceof String text) {
            string(json, text);
        } else if (value instanceof Map<?, ?> map) {
            json.append('{');
            boolean first = true;
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                first = field(json, first, entry.getKey(), entry.getValue());
            }
            json.append('}');
        } else {
            // Numbers, booleans, Seconds and Raw tokens print themselves.
            json.append(value);
        }
    }

    private static void string(StringBuilder json, String text) {
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }
}
