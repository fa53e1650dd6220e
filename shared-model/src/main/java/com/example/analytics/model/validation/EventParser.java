package com.example.analytics.model.validation;

import static com.example.analytics.model.validation.InvalidRecordException.Reason.EMPTY_VALUE;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.INVALID_TIMESTAMP;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.KEY_MISMATCH;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.KEY_NOT_UTF8;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.MISSING_FIELD;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.MISSING_KEY;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.NOT_AN_OBJECT;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.NOT_JSON;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.TOO_LARGE;
import static com.example.analytics.model.validation.InvalidRecordException.Reason.WRONG_TYPE;

import com.example.analytics.model.Event;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.json.JsonSerde;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * Reads and validates one input event (DESIGN.md section 2, "Bad input"). Every way a value can be bad ends in an
 * {@link InvalidRecordException} with a reason; nothing else escapes. Parsing is a single streaming pass: the
 * top-level fields are read directly and only {@code data} is bound to a map.
 *
 * <p>Event time must be a finite JSON number of epoch seconds, not negative, and no later than
 * {@code maxFutureSkew} after the wall clock: a far-future time would otherwise advance stream time and close every
 * window at once.
 *
 * <p>Size is bounded too: a whole value by {@code maxBytes}, ids and event types by {@value #MAX_NAME_CHARS}
 * characters. Events are a few hundred bytes; what they carry ends up in store keys, state values and changelog
 * records, and one accepted megabyte-sized id or location would make those exceed the broker's message size and
 * fail the task on every retry.
 */
public final class EventParser<E extends Event> {

    /** 9999-12-31T23:59:59Z; beyond it millisecond arithmetic stops being meaningful. */
    static final double MAX_EPOCH_SECONDS = 253_402_300_799d;

    /** A duplicated field ({@code user_id} twice) is ambiguous input, so it is an error, not "last one wins". */
    private static final ObjectReader READER = Json.mapper().reader()
            .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    private static final ObjectReader DATA_READER = READER.forType(Map.class)
            // data is a nested object; the outer parse checks what follows it.
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int MAX_MESSAGE_CHARS = 300;
    /** Longest id or event type; REST ids are at most 128 characters, producers' ids well within this. */
    public static final int MAX_NAME_CHARS = 256;

    private final String idField;
    private final EventFactory<E> factory;
    private final Clock clock;
    private final long maxFutureSkewMillis;
    private final int maxBytes;

    @FunctionalInterface
    private interface EventFactory<E> {
        E create(String id, String eventType, double timestamp, Map<String, Object> data, String eventId);
    }

    private EventParser(String idField, EventFactory<E> factory, Clock clock, Duration maxFutureSkew,
                        int maxBytes) {
        this.idField = idField;
        this.factory = factory;
        this.clock = clock;
        this.maxFutureSkewMillis = maxFutureSkew == null ? Long.MAX_VALUE : maxFutureSkew.toMillis();
        this.maxBytes = maxBytes;
    }

    /** A parser without a future or size bound, for tools and tests that read back what they wrote. */
    public static EventParser<UserEvent> users() {
        return users(Clock.systemUTC(), null);
    }

    public static EventParser<UserEvent> users(Clock clock, Duration maxFutureSkew) {
        return users(clock, maxFutureSkew, Integer.MAX_VALUE);
    }

    public static EventParser<UserEvent> users(Clock clock, Duration maxFutureSkew, int maxBytes) {
        return new EventParser<>("user_id", UserEvent::new, clock, maxFutureSkew, maxBytes);
    }

    public static EventParser<ProductEvent> products() {
        return products(Clock.systemUTC(), null);
    }

    public static EventParser<ProductEvent> products(Clock clock, Duration maxFutureSkew) {
        return products(clock, maxFutureSkew, Integer.MAX_VALUE);
    }

    public static EventParser<ProductEvent> products(Clock clock, Duration maxFutureSkew, int maxBytes) {
        return new EventParser<>("product_id", ProductEvent::new, clock, maxFutureSkew, maxBytes);
    }

    public String idField() {
        return idField;
    }

    /** Parses or throws {@link InvalidRecordException}; never any other exception. */
    public E parse(byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(EMPTY_VALUE, "value is empty");
        }
        if (value.length > maxBytes) {
            throw new InvalidRecordException(TOO_LARGE,
                    "value has " + value.length + " bytes, more than the " + maxBytes + " an event may have");
        }
        try (JsonParser parser = READER.createParser(value)) {
            JsonToken first = parser.nextToken();
            if (first != JsonToken.START_OBJECT) {
                throw new InvalidRecordException(NOT_AN_OBJECT, "value is not a JSON object");
            }
            E event = readFields(parser);
            if (parser.nextToken() != null) {
                throw new InvalidRecordException(NOT_JSON, "trailing content after the JSON object");
            }
            return event;
        } catch (JacksonException e) {
            throw new InvalidRecordException(NOT_JSON, "not valid JSON: " + abbreviate(e.getOriginalMessage()));
        }
    }

    /** Never throws: a bad value comes back as {@link Parsed.Invalid} with its bytes. */
    public Parsed<E> tryParse(byte[] value) {
        try {
            return new Parsed.Valid<>(parse(value), value);
        } catch (InvalidRecordException e) {
            return new Parsed.Invalid<>(e, value);
        }
    }

    /** The deserializer for stream sources: bad values become {@link Parsed.Invalid} instead of failing the task. */
    public Deserializer<Parsed<E>> parsedDeserializer() {
        return (topic, value) -> tryParse(value);
    }

    /** The serde producers and tests use: writes the wire JSON, reads strictly (bad values throw). */
    public Serde<E> serde(Class<E> type) {
        JsonSerde<E> json = JsonSerde.of(type);
        return Serdes.serdeFrom(json.serializer(), (topic, value) -> parse(value));
    }

    /**
     * Checks that the record key is the event's id, as producers are required to key it.
     *
     * @param key the record key as {@link #keyDeserializer()} decoded it, {@code null} when the record had none
     */
    public void checkKey(String key, E event) {
        if (key == null) {
            throw new InvalidRecordException(MISSING_KEY, "record has no key; expected " + idField);
        }
        if (!key.equals(event.subjectId())) {
            throw new InvalidRecordException(KEY_MISMATCH,
                    "record key '" + abbreviate(key) + "' does not match " + idField + " '"
                            + abbreviate(event.subjectId()) + "'");
        }
    }

    /**
     * Decodes keys as strict UTF-8. Lenient decoding would turn a broken key into replacement characters and lose
     * the original bytes; this one raises {@link InvalidRecordException} so the record reaches the DLQ unchanged.
     */
    public static Deserializer<String> keyDeserializer() {
        return (topic, raw) -> raw == null ? null : decodeUtf8(raw);
    }

    private E readFields(JsonParser parser) {
        String id = null;
        String eventType = null;
        Double timestamp = null;
        Map<String, Object> data = Map.of();
        String eventId = null;
        for (String name = parser.nextName(); name != null; name = parser.nextName()) {
            JsonToken token = parser.nextToken();
            if (name.equals(idField)) {
                id = text(parser, token, name);
            } else {
                switch (name) {
                    case "event_type" -> eventType = text(parser, token, name);
                    case "timestamp" -> timestamp = number(parser, token);
                    case "data" -> data = object(parser, token);
                    case "event_id" -> eventId = text(parser, token, name);
                    default -> parser.skipChildren();
                }
            }
        }
        if (id == null) {
            throw new InvalidRecordException(MISSING_FIELD, "missing " + idField);
        }
        if (eventType == null) {
            throw new InvalidRecordException(MISSING_FIELD, "missing event_type");
        }
        if (timestamp == null) {
            throw new InvalidRecordException(MISSING_FIELD, "missing timestamp");
        }
        checkTimestamp(timestamp);
        return factory.create(id, eventType, timestamp, data, eventId);
    }

    private static String text(JsonParser parser, JsonToken token, String name) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_STRING) {
            throw new InvalidRecordException(WRONG_TYPE, name + " must be a JSON string");
        }
        String text = parser.getString();
        if (text.isBlank()) {
            throw new InvalidRecordException(WRONG_TYPE, name + " must not be blank");
        }
        if (text.length() > MAX_NAME_CHARS && !name.equals("event_id")) {
            throw new InvalidRecordException(WRONG_TYPE, name + " must be at most " + MAX_NAME_CHARS + " characters");
        }
        return text;
    }

    private static Double number(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidRecordException(WRONG_TYPE, "timestamp must be a JSON number of epoch seconds");
        }
        return parser.getDoubleValue();
    }

    private static Map<String, Object> object(JsonParser parser, JsonToken token) {
        if (token == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (token != JsonToken.START_OBJECT) {
            throw new InvalidRecordException(WRONG_TYPE, "data must be a JSON object");
        }
        Map<String, Object> data = DATA_READER.readValue(parser);
        return Collections.unmodifiableMap(data);
    }

    private void checkTimestamp(double seconds) {
        if (!Double.isFinite(seconds)) {
            throw new InvalidRecordException(INVALID_TIMESTAMP, "timestamp is not a finite number");
        }
        if (seconds < 0) {
            throw new InvalidRecordException(INVALID_TIMESTAMP, "timestamp is negative");
        }
        if (seconds > MAX_EPOCH_SECONDS) {
            throw new InvalidRecordException(INVALID_TIMESTAMP, "timestamp is beyond year 9999");
        }
        if (maxFutureSkewMillis != Long.MAX_VALUE) {
            long limit = clock.millis() + maxFutureSkewMillis;
            if (Math.round(seconds * 1000) > limit) {
                throw new InvalidRecordException(INVALID_TIMESTAMP,
                        "timestamp is more than " + Duration.ofMillis(maxFutureSkewMillis) + " in the future");
            }
        }
    }

    private static String decodeUtf8(byte[] raw) {
        boolean ascii = true;
        for (byte b : raw) {
            if (b < 0) {
                ascii = false;
                break;
            }
        }
        if (ascii) {
            return new String(raw, StandardCharsets.US_ASCII);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidRecordException(KEY_NOT_UTF8, "record key is not valid UTF-8");
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
}
