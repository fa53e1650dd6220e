package com.example.analytics.support.test;

import com.example.analytics.model.validation.InvalidRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Every kind of hostile record a producer can put on an input topic, with the DLQ reason DESIGN.md "Bad input"
 * gives it. Each is built from the good event it replaces (its id, event type and time), so it lands where good
 * traffic lands.
 *
 * <p>Not here because they are valid: an unknown event type (counted as an event), a unicode id, a deeply but
 * legally nested {@code data}; {@link GoodEvents} sends those as good records.
 */
public enum Poison {
    NOT_JSON(Reason.NOT_JSON),
    TRUNCATED_JSON(Reason.NOT_JSON),
    EMPTY_VALUE(Reason.EMPTY_VALUE),
    NULL_VALUE(Reason.EMPTY_VALUE),
    JSON_ARRAY(Reason.NOT_AN_OBJECT),
    JSON_STRING(Reason.NOT_AN_OBJECT),
    TRAILING_GARBAGE(Reason.NOT_JSON),
    DUPLICATE_ID_FIELD(Reason.NOT_JSON),
    INVALID_UTF8_VALUE(Reason.NOT_JSON),
    /** Far beyond Jackson's nesting limit: must be rejected, not overflow the stack. */
    DEEP_NESTING(Reason.NOT_JSON),
    /** Near the broker's default 1 MiB limit: big enough to hurt state and changelog records if accepted. */
    HUGE_VALUE(Reason.TOO_LARGE),
    NULL_KEY(Reason.MISSING_KEY),
    KEY_NOT_UTF8(Reason.KEY_NOT_UTF8),
    KEY_MISMATCH(Reason.KEY_MISMATCH),
    MISSING_ID(Reason.MISSING_FIELD),
    MISSING_EVENT_TYPE(Reason.MISSING_FIELD),
    MISSING_TIMESTAMP(Reason.MISSING_FIELD),
    NULL_TIMESTAMP(Reason.MISSING_FIELD),
    NUMERIC_ID(Reason.WRONG_TYPE),
    BLANK_ID(Reason.WRONG_TYPE),
    /** An id no store key, changelog record or REST path should have to carry. */
    OVERLONG_ID(Reason.WRONG_TYPE),
    NUMERIC_EVENT_TYPE(Reason.WRONG_TYPE),
    STRING_TIMESTAMP(Reason.WRONG_TYPE),
    BOOLEAN_TIMESTAMP(Reason.WRONG_TYPE),
    DATA_NOT_AN_OBJECT(Reason.WRONG_TYPE),
    /** JSON has no NaN or Infinity literals. */
    NAN_TIMESTAMP(Reason.NOT_JSON),
    INFINITY_TIMESTAMP(Reason.NOT_JSON),
    /** A valid JSON number that overflows a double. */
    OVERFLOWING_TIMESTAMP(Reason.INVALID_TIMESTAMP),
    NEGATIVE_TIMESTAMP(Reason.INVALID_TIMESTAMP),
    /** Beyond the default {@code analytics.streams.max-future-skew} of 1 h. */
    FAR_FUTURE_TIMESTAMP(Reason.INVALID_TIMESTAMP),
    YEAR_10000_TIMESTAMP(Reason.INVALID_TIMESTAMP),
    MILLISECONDS_TIMESTAMP(Reason.INVALID_TIMESTAMP);

    /** What a record of this kind carries: the key and value bytes as sent. */
    public record Bytes(byte[] key, byte[] value) {
    }

    private static final int HUGE_VALUE_BYTES = 1_000_000;
    private static final int NESTING_DEPTH = 20_000;

    private final Reason reason;

    Poison(Reason reason) {
        this.reason = reason;
    }

    /** The {@code dlq.error.reason} the record must get. */
    public Reason reason() {
        return reason;
    }

    /**
     * The poisoned version of the good event {@code (idField=id, eventType, time)}, sent at wall-clock {@code now}.
     */
    public Bytes build(String idField, String id, String eventType, Instant time, Instant now) {
        byte[] key = utf8(id);
        String seconds = GoodEvents.seconds(time);
        String value = switch (this) {
            case NOT_JSON -> "<event user=" + id + ">";
            case TRUNCATED_JSON -> {
                String json = json(idField, quote(id), quote(eventType), seconds, "{\"page\":\"/x\"}");
                yield json.substring(0, json.length() / 2);
            }
            case EMPTY_VALUE -> "";
            case NULL_VALUE -> null;
            case JSON_ARRAY -> "[" + json(idField, quote(id), quote(eventType), seconds, "{}") + "]";
            case JSON_STRING -> quote(id);
            case TRAILING_GARBAGE -> json(idField, quote(id), quote(eventType), seconds, "{}") + " }{";
            case DUPLICATE_ID_FIELD -> "{\"" + idField + "\":" + quote(id) + ","
                    + json(idField, quote(id), quote(eventType), seconds, "{}").substring(1);
            case INVALID_UTF8_VALUE, HUGE_VALUE -> null;
            case DEEP_NESTING -> json(idField, quote(id), quote(eventType), seconds,
                    "{\"deep\":" + "[".repeat(NESTING_DEPTH) + "]".repeat(NESTING_DEPTH) + "}");
            case NULL_KEY, KEY_NOT_UTF8, KEY_MISMATCH -> json(idField, quote(id), quote(eventType), seconds, "{}");
            case MISSING_ID -> json(null, null, quote(eventType), seconds, "{}");
            case MISSING_EVENT_TYPE -> json(idField, quote(id), null, seconds, "{}");
            case MISSING_TIMESTAMP -> json(idField, quote(id), quote(eventType), null, "{}");
            case NULL_TIMESTAMP -> json(idField, quote(id), quote(eventType), "null", "{}");
            case NUMERIC_ID -> json(idField, "12345", quote(eventType), seconds, "{}");
            case BLANK_ID -> json(idField, "\"  \"", quote(eventType), seconds, "{}");
            case OVERLONG_ID -> json(idField, quote(id + "x".repeat(10_000)), quote(eventType), seconds, "{}");
            case NUMERIC_EVENT_TYPE -> json(idField, quote(id), "7", seconds, "{}");
            case STRING_TIMESTAMP -> json(idField, quote(id), quote(eventType), quote(seconds), "{}");
            case BOOLEAN_TIMESTAMP -> json(idField, quote(id), quote(eventType), "true", "{}");
            case DATA_NOT_AN_OBJECT -> json(idField, quote(id), quote(eventType), seconds, "[\"page\"]");
            case NAN_TIMESTAMP -> json(idField, quote(id), quote(eventType), "NaN", "{}");
            case INFINITY_TIMESTAMP -> json(idField, quote(id), quote(eventType), "Infinity", "{}");
            case OVERFLOWING_TIMESTAMP -> json(idField, quote(id), quote(eventType), "1e400", "{}");
            case NEGATIVE_TIMESTAMP -> json(idField, quote(id), quote(eventType), "-" + seconds, "{}");
            case FAR_FUTURE_TIMESTAMP -> json(idField, quote(id), quote(eventType),
                    GoodEvents.seconds(now.plus(Duration.ofDays(1))), "{}");
            case YEAR_10000_TIMESTAMP -> json(idField, quote(id), quote(eventType), "253402300800", "{}");
            case MILLISECONDS_TIMESTAMP -> json(idField, quote(id), quote(eventType),
                    Long.toString(time.toEpochMilli()), "{}");
        };
        byte[] bytes = switch (this) {
            case INVALID_UTF8_VALUE -> invalidUtf8(idField, id, eventType, seconds);
            case HUGE_VALUE -> utf8(hugeValue(idField, id, eventType, seconds));
            default -> value == null ? null : utf8(value);
        };
        return switch (this) {
            case NULL_KEY -> new Bytes(null, bytes);
            case KEY_NOT_UTF8 -> new Bytes(new byte[] {(byte) 0xC3, (byte) 0x28, 'k'}, bytes);
            case KEY_MISMATCH -> new Bytes(utf8(id + "-other"), bytes);
            default -> new Bytes(key, bytes);
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A well-formed event whose {@code data} is padded to near the broker's default maximum message size. */
    private static String hugeValue(String idField, String id, String eventType, String seconds) {
        String template = json(idField, quote(id), quote(eventType), seconds, "{\"padding\":\"@@\"}");
        return template.replace("@@", "x".repeat(HUGE_VALUE_BYTES - template.length()));
    }

    private static byte[] invalidUtf8(String idField, String id, String eventType, String seconds) {
        String json = json(idField, quote(id), quote(eventType), seconds, "{\"page\":\"/@@\"}");
        byte[] bytes = utf8(json);
        int at = json.indexOf("@@");
        // 0xC3 must be followed by a continuation byte; '(' is not one, and 0xFF never occurs in UTF-8.
        bytes[at] = (byte) 0xC3;
        bytes[at + 1] = (byte) 0xFF;
        return bytes;
    }

    /** An event object; a null name or value leaves that field out. */
    static String json(String idField, String idJson, String eventTypeJson, String timestampJson, String dataJson) {
        StringBuilder json = new StringBuilder("{");
        if (idField != null) {
            json.append('"').append(idField).append("\":").append(idJson).append(',');
        }
        if (eventTypeJson != null) {
            json.append("\"event_type\":").append(eventTypeJson).append(',');
        }
        if (timestampJson != null) {
            json.append("\"timestamp\":").append(timestampJson).append(',');
        }
        json.append("\"data\":").append(dataJson).append('}');
        return json.toString();
    }

    static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
