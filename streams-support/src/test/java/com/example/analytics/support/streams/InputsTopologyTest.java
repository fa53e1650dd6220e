package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.RecordingMetrics;
import com.example.analytics.support.test.TopologyDrivers;
import com.example.analytics.support.testapp.CountingTopology;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InputsTopologyTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SERVICE = "test-service";

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final TopologyDrivers.CapturingPublisher publisher = new TopologyDrivers.CapturingPublisher();
    private final TopologyEnvironment env = new TopologyEnvironment(SERVICE, Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofSeconds(5), Duration.ofHours(1), metrics, new StreamTime());
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<byte[], byte[]> dlq;
    private KeyValueStore<String, Long> counts;

    @BeforeEach
    void start() {
        driver = TopologyDrivers.driver(CountingTopology.build(env), SERVICE, publisher);
        input = driver.createInputTopic(Topics.USER_EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        dlq = driver.createOutputTopic(Topics.ANALYTICS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        counts = driver.getKeyValueStore(CountingTopology.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void validEventsReachTheTopologyInEventTime() {
        send("u1", event("u1", "page_view", 1732450000.25));
        send("u1", event("u1", "click", 1732450001));

        assertThat(counts.get("u1")).isEqualTo(2);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(env.streamTime().millis()).hasValue(1_732_450_001_000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                  | u1   | {oops                                                           | NOT_JSON
            empty value               | u1   |                                                                 | EMPTY_VALUE
            missing user_id           | u1   | {"event_type":"page_view","timestamp":1732450000}               | MISSING_FIELD
            missing timestamp         | u1   | {"user_id":"u1","event_type":"page_view"}                       | MISSING_FIELD
            string timestamp          | u1   | {"user_id":"u1","event_type":"page_view","timestamp":"1732450000"} | WRONG_TYPE
            NaN timestamp             | u1   | {"user_id":"u1","event_type":"page_view","timestamp":NaN}       | NOT_JSON
            negative timestamp        | u1   | {"user_id":"u1","event_type":"page_view","timestamp":-5}        | INVALID_TIMESTAMP
            far-future timestamp      | u1   | {"user_id":"u1","event_type":"page_view","timestamp":1800000000} | INVALID_TIMESTAMP
            key disagrees with id     | u2   | {"user_id":"u1","event_type":"page_view","timestamp":1732450000} | KEY_MISMATCH
            no key                    |      | {"user_id":"u1","event_type":"page_view","timestamp":1732450000} | MISSING_KEY
            """)
    void aBadRecordGoesToTheDlqUnchangedWithHeadersAndTheNextOneIsProcessed(String kind, String key, String value,
                                                                           String reason) {
        byte[] keyBytes = key == null ? null : key.getBytes(StandardCharsets.UTF_8);
        byte[] valueBytes = value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
        input.pipeInput(keyBytes, valueBytes);
        send("u1", event("u1", "page_view", 1732450000));

        List<TestRecord<byte[], byte[]>> dead = dlq.readRecordsToList();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo(keyBytes);
        assertThat(dead.get(0).value()).isEqualTo(valueBytes);
        Headers headers = dead.get(0).headers();
        assertThat(DeadLetters.text(headers, DeadLetters.SERVICE)).isEqualTo(SERVICE);
        assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_TOPIC)).isEqualTo("user_events");
        assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(DeadLetters.text(headers, DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(DeadLetters.text(headers, DeadLetters.ERROR_REASON)).isEqualTo(reason);
        assertThat(DeadLetters.text(headers, DeadLetters.ERROR_CLASS)).endsWith("InvalidRecordException");
        assertThat(DeadLetters.text(headers, DeadLetters.ERROR_MESSAGE)).isNotBlank();
        assertThat(metrics.deadLettered(reason)).isEqualTo(1);
        assertThat(counts.get("u1")).isEqualTo(1);
    }

    @Test
    void theProducersHeadersAreKeptOnTheDeadLetter() {
        TestRecord<byte[], byte[]> bad = new TestRecord<>("u1".getBytes(StandardCharsets.UTF_8),
                "{oops".getBytes(StandardCharsets.UTF_8));
        bad.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
        input.pipeInput(bad);

        Headers headers = dlq.readRecord().headers();
        assertThat(DeadLetters.text(headers, "trace-id")).isEqualTo("abc");
        assertThat(DeadLetters.text(headers, DeadLetters.ERROR_REASON)).isEqualTo("NOT_JSON");
    }

    @Test
    void aKeyThatIsNotUtf8IsDeadLetteredWithItsExactBytesByTheHandler() {
        byte[] key = {(byte) 0xFF, (byte) 0xFE, 0x41};
        byte[] value = event("u1", "page_view", 1732450000).getBytes(StandardCharsets.UTF_8);
        input.pipeInput(key, value);
        send("u1", event("u1", "page_view", 1732450000));

        assertThat(publisher.records).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo(Topics.ANALYTICS_DLQ.name());
            assertThat(record.key()).isEqualTo(key);
            assertThat(record.value()).isEqualTo(value);
            assertThat(DeadLetters.text(record.headers(), DeadLetters.ERROR_REASON)).isEqualTo("KEY_NOT_UTF8");
        });
        assertThat(counts.get("u1")).isEqualTo(1);
    }

    @Test
    void anExceptionInAProcessorDeadLettersTheSourceRecordAndTheThreadGoesOn() {
        String explode = event("u9", CountingTopology.EXPLODE, 1732450000);
        send("u9", explode);
        send("u9", event("u9", "page_view", 1732450001));

        assertThat(publisher.records).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(explode.getBytes(StandardCharsets.UTF_8));
            assertThat(DeadLetters.text(record.headers(), DeadLetters.ERROR_REASON)).isEqualTo("PROCESSING_ERROR");
            assertThat(DeadLetters.text(record.headers(), DeadLetters.ERROR_MESSAGE)).isEqualTo("boom on purpose");
        });
        assertThat(counts.get("u9")).isEqualTo(1);
    }

    @Test
    void aRecordOlderThanStreamTimeMinusGraceIsCountedAsLateAndNotApplied() {
        send("u1", event("u1", "page_view", 1732450100));
        send("u2", event("u2", "page_view", 1732450110));
        send("u1", event("u1", "page_view", 1732450104.999));

        assertThat(metrics.late()).isEqualTo(1);
        assertThat(counts.get("u1")).isEqualTo(1);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void aRecordExactlyAtTheGraceBoundaryStillCounts() {
        send("u2", event("u2", "page_view", 1732450110));
        send("u1", event("u1", "page_view", 1732450105));

        assertThat(metrics.late()).isZero();
        assertThat(counts.get("u1")).isEqualTo(1);
    }

    private void send(String key, String value) {
        input.pipeInput(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String user, String type, double timestamp) {
        return "{\"user_id\":\"" + user + "\",\"event_type\":\"" + type + "\",\"timestamp\":"
                + java.math.BigDecimal.valueOf(timestamp).toPlainString() + ",\"data\":{}}";
    }
}
