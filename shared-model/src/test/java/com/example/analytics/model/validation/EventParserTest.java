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
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.validation.InvalidRecordException.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventParserTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private final EventParser<UserEvent> users = EventParser.users(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1));

    @Test
    void acceptsAnIntegerTimestampAndMissingOptionalFields() {
        UserEvent event = users.parse(bytes("{\"user_id\":\"u1\",\"event_type\":\"logout\",\"timestamp\":1732450000}"));

        assertThat(event.timestampMillis()).isEqualTo(1_732_450_000_000L);
        assertThat(event.data()).isEmpty();
        assertThat(event.eventId()).isNull();
    }

    @Test
    void unknownTopLevelFieldsAndUnknownEventTypesAreValid() {
        UserEvent event = users.parse(bytes(
                "{\"user_id\":\"u1\",\"event_type\":\"wishlist\",\"timestamp\":1.5,\"partition_key\":[1,{\"a\":2}]}"));

        assertThat(event.eventType()).isEqualTo("wishlist");
    }

    @Test
    void onlyABooleanTrueCountsAsAFlag() {
        assertThat(users.parse(bytes(json("\"data\":{\"suspicious\":true}"))).dataFlag("suspicious")).isTrue();
        assertThat(users.parse(bytes(json("\"data\":{\"suspicious\":\"true\"}"))).dataFlag("suspicious")).isFalse();
        assertThat(users.parse(bytes(json("\"data\":{\"suspicious\":1}"))).dataFlag("suspicious")).isFalse();
        assertThat(users.parse(bytes(json("\"data\":{}"))).dataFlag("suspicious")).isFalse();
    }

    @Test
    void dataNumbersAndTextsAreTypedAccessors() {
        UserEvent event = users.parse(bytes(json("\"data\":{\"amount\":1000.01,\"location\":\"\",\"n\":\"5\"}")));

        assertThat(event.dataNumber("amount")).hasValue(1000.01);
        assertThat(event.dataNumber("n")).isEmpty();
        assertThat(event.dataText("location")).isEmpty();
    }

    /** What data holds is what Jackson's binding to a map gives; the rules rely on these types. */
    @Test
    void dataHoldsWhatBindingItToAMapWouldGive() {
        String data = "{\"s\":\"text\",\"i\":42,\"l\":12345678901,\"big\":123456789012345678901234567890,"
                + "\"f\":1000.01,\"e\":1.5e3,\"t\":true,\"no\":false,\"nothing\":null,\"o\":{\"a\":[1,\"x\",{\"b\":null}]},"
                + "\"list\":[2.5,false],\"empty\":{}}";

        Map<String, Object> parsed = users.parse(bytes(json("\"data\":" + data))).data();

        assertThat(parsed).isEqualTo(Json.mapper().readValue(data, Map.class));
        assertThat(parsed.keySet()).containsExactly("s", "i", "l", "big", "f", "e", "t", "no", "nothing", "o", "list",
                "empty");
        assertThat(parsed.values()).extracting(value -> value == null ? null : value.getClass().getSimpleName())
                .containsExactly("String", "Integer", "Long", "BigInteger", "Double", "Double", "Boolean", "Boolean",
                        null, "LinkedHashMap", "ArrayList", "LinkedHashMap");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json at all                                                      | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":1                       | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":1} trailing             | NOT_JSON
            {"user_id":"u1","user_id":"u2","event_type":"x","timestamp":1}       | NOT_JSON
            [1,2,3]                                                              | NOT_AN_OBJECT
            "just a string"                                                      | NOT_AN_OBJECT
            {"event_type":"x","timestamp":1}                                     | MISSING_FIELD
            {"user_id":null,"event_type":"x","timestamp":1}                      | MISSING_FIELD
            {"user_id":"u1","timestamp":1}                                       | MISSING_FIELD
            {"user_id":"u1","event_type":"x"}                                    | MISSING_FIELD
            {"user_id":7,"event_type":"x","timestamp":1}                         | WRONG_TYPE
            {"user_id":"  ","event_type":"x","timestamp":1}                      | WRONG_TYPE
            {"user_id":"u1","event_type":["x"],"timestamp":1}                    | WRONG_TYPE
            {"user_id":"u1","event_type":"x","timestamp":"1732450000"}           | WRONG_TYPE
            {"user_id":"u1","event_type":"x","timestamp":true}                   | WRONG_TYPE
            {"user_id":"u1","event_type":"x","timestamp":1,"data":[1]}           | WRONG_TYPE
            {"user_id":"u1","event_type":"x","timestamp":1,"data":"x"}           | WRONG_TYPE
            {"user_id":"u1","event_type":"x","timestamp":1,"data":{"a":1,"a":2}} | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":1,"data":{"a":{"b":1,"b":1}}} | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":1,"data":{"a":1,}}      | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":-1}                     | INVALID_TIMESTAMP
            {"user_id":"u1","event_type":"x","timestamp":1e400}                  | INVALID_TIMESTAMP
            {"user_id":"u1","event_type":"x","timestamp":NaN}                    | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":Infinity}               | NOT_JSON
            {"user_id":"u1","event_type":"x","timestamp":99999999999999}         | INVALID_TIMESTAMP
            """)
    void rejectsEveryKindOfBadValueWithItsReason(String value, Reason reason) {
        assertThatThrownBy(() -> users.parse(bytes(value)))
                .isInstanceOfSatisfying(InvalidRecordException.class, e -> assertThat(e.reason()).isEqualTo(reason))
                .hasMessageNotContaining("Exception");
    }

    @Test
    void aValueOverTheSizeBoundIsBadEvenWhenWellFormed() {
        EventParser<UserEvent> bounded = EventParser.users(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ofHours(1), 1024);
        String padded = json("\"data\":{\"padding\":\"" + "x".repeat(1024) + "\"}");

        assertThat(reasonOf(() -> bounded.parse(bytes(padded)))).isEqualTo(TOO_LARGE);
        assertThat(bounded.parse(bytes(json("\"data\":{\"padding\":\"x\"}"))).userId()).isEqualTo("u1");
    }

    @Test
    void idsAndEventTypesLongerThan256CharactersAreBad() {
        String longest = "u".repeat(EventParser.MAX_NAME_CHARS);
        String event = "{\"user_id\":\"%s\",\"event_type\":\"%s\",\"timestamp\":1.0}";

        assertThat(users.parse(bytes(event.formatted(longest, "click"))).userId()).isEqualTo(longest);
        assertThat(reasonOf(() -> users.parse(bytes(event.formatted(longest + "u", "click"))))).isEqualTo(WRONG_TYPE);
        assertThat(reasonOf(() -> users.parse(bytes(event.formatted("u1", "c".repeat(257)))))).isEqualTo(WRONG_TYPE);
    }

    @Test
    void emptyAndNullValuesAreBad() {
        assertThat(reasonOf(() -> users.parse(new byte[0]))).isEqualTo(EMPTY_VALUE);
        assertThat(reasonOf(() -> users.parse(null))).isEqualTo(EMPTY_VALUE);
    }

    @Test
    void invalidUtf8InsideAStringIsNotJson() {
        byte[] value = bytes(json("\"data\":{\"page\":\"XX\"}"));
        int at = new String(value, StandardCharsets.UTF_8).indexOf("XX");
        value[at] = (byte) 0xC3;
        value[at + 1] = (byte) 0x28;

        assertThat(reasonOf(() -> users.parse(value))).isEqualTo(NOT_JSON);
    }

    @Test
    void deepNestingIsRejectedNotAStackOverflow() {
        String deep = "[".repeat(5000) + "]".repeat(5000);

        assertThat(reasonOf(() -> users.parse(bytes(json("\"data\":{\"x\":" + deep + "}"))))).isEqualTo(NOT_JSON);
    }

    @Test
    void timestampsBeyondTheFutureBoundAreBadButWithinItAreFine() {
        double limit = NOW.plus(Duration.ofHours(1)).toEpochMilli() / 1000.0;

        assertThat(users.parse(bytes(json(limit))).timestampMillis()).isEqualTo(NOW.toEpochMilli() + 3_600_000);
        assertThat(reasonOf(() -> users.parse(bytes(json(limit + 0.001))))).isEqualTo(INVALID_TIMESTAMP);
        assertThat(EventParser.users().parse(bytes(json(limit + 86_400))).userId()).isEqualTo("u1");
    }

    @Test
    void theKeyMustBeTheEventsId() {
        UserEvent event = users.parse(bytes(json("\"data\":{}")));

        users.checkKey("u1", event);
        assertThat(reasonOf(() -> users.checkKey("u2", event))).isEqualTo(KEY_MISMATCH);
        assertThat(reasonOf(() -> users.checkKey(null, event))).isEqualTo(MISSING_KEY);
    }

    @Test
    void keysAreDecodedAsStrictUtf8() {
        var keys = EventParser.keyDeserializer();

        assertThat(keys.deserialize("t", bytes("produit_é"))).isEqualTo("produit_é");
        assertThat(keys.deserialize("t", null)).isNull();
        assertThat(reasonOf(() -> keys.deserialize("t", new byte[] {(byte) 0xFF, 0x41}))).isEqualTo(KEY_NOT_UTF8);
    }

    @Test
    void nonAsciiKeysAreComparedAsUtf8() {
        EventParser<ProductEvent> products = EventParser.products();
        ProductEvent event = products.parse(bytes(
                "{\"product_id\":\"produit_é\",\"event_type\":\"product_view\",\"timestamp\":1}"));

        products.checkKey(EventParser.keyDeserializer().deserialize("t", bytes("produit_é")), event);
    }

    @Test
    void tryParseKeepsTheOriginalBytesEitherWay() {
        byte[] good = bytes(json("\"data\":{}"));
        byte[] bad = bytes("{oops");

        assertThat(users.tryParse(good)).isInstanceOfSatisfying(Parsed.Valid.class, v -> assertThat(v.raw()).isSameAs(good));
        assertThat(users.tryParse(bad)).isInstanceOfSatisfying(Parsed.Invalid.class, v -> {
            assertThat(v.raw()).isSameAs(bad);
            assertThat(v.error().reason()).isEqualTo(NOT_JSON);
        });
    }

    private static Reason reasonOf(Runnable parse) {
        try {
            parse.run();
        } catch (InvalidRecordException e) {
            return e.reason();
        }
        throw new AssertionError("expected an InvalidRecordException");
    }

    private static String json(String extra) {
        return "{\"user_id\":\"u1\",\"event_type\":\"page_view\",\"timestamp\":1732450000.25," + extra + "}";
    }

    private static String json(double timestamp) {
        return "{\"user_id\":\"u1\",\"event_type\":\"page_view\",\"timestamp\":" + java.math.BigDecimal.valueOf(timestamp).toPlainString() + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
