package com.example.analytics.trend.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.Action;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.query.StoreAccess;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.RecordingMetrics;
import com.example.analytics.support.test.TopologyDrivers;
import com.example.analytics.trend.TrendProperties;
import com.example.analytics.trend.query.TrendQueries;
import com.example.analytics.trend.query.TrendQueries.Trend;
import com.example.analytics.trend.query.TrendQueries.TrendHistory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class TrendTopologyTest {

    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();
    private static final String SERVICE = "trend-service";

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final StreamTime streamTime = new StreamTime();
    private final TopologyEnvironment env = new TopologyEnvironment(SERVICE,
            Clock.fixed(Instant.ofEpochSecond(T0 + 86_400), ZoneOffset.UTC), Duration.ofSeconds(5),
            Duration.ofDays(30), metrics, streamTime);
    private TrendProperties properties = TrendProperties.defaults();
    /** RocksDB as deployed; the tests that take a {@link StateStores} run on both kinds. */
    private StateStores stores = StateStores.ROCKSDB;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> users;
    private TestInputTopic<byte[], byte[]> products;
    private TestOutputTopic<String, Action> actions;
    private TestOutputTopic<byte[], byte[]> dlq;
    private TrendQueries queries;

    private void start() {
        driver = TopologyDrivers.driver(TrendTopology.build(properties, env.withStateStores(stores)), SERVICE,
                new TopologyDrivers.CapturingPublisher());
        users = driver.createInputTopic(Topics.USER_EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        products = driver.createInputTopic(Topics.PRODUCT_EVENTS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        actions = driver.createOutputTopic(Topics.REAL_TIME_ACTIONS.name(),
                Topics.REAL_TIME_ACTIONS.keySerde().deserializer(), Topics.REAL_TIME_ACTIONS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.ANALYTICS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        queries = new TrendQueries(properties, streamTime);
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @ParameterizedTest(name = "pre-aggregate: {0}")
    @ValueSource(booleans = {true, false})
    void twoHundredFiftyEventsInFiveMinutesAreNoSpikeTheTwoHundredFiftyFirstIs(boolean preAggregate) {
        properties = properties.withPreAggregate(preAggregate);
        start();
        for (int i = 0; i < 250; i++) {
            user("u" + (i % 40), "click", T0 + i);
        }
        flush();
        assertThat(actions.isEmpty()).isTrue();

        user("u1", "click", T0 + 299);
        flush();

        assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
            assertThat(action.actionType()).isEqualTo("event_spike");
            assertThat(action.subject()).isEqualTo("user_click");
            assertThat(action.timestamp()).isEqualTo(T0 + 299.0);
            assertThat(action.data()).containsEntry("trend_key", "user_click").containsEntry("window_events", 251)
                    .containsEntry("events_per_minute", 50.2);
        });
    }

    @Test
    void aSpikeInsideOneLongFlushIsFoundAtTheSecondItBegan() {
        start();
        for (int i = 0; i < 260; i++) {
            user("u" + (i % 40), "click", T0 + i);
        }
        user("u1", "click", T0 + 900);
        flush();

        assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
            assertThat(action.timestamp()).isEqualTo(T0 + 250.0);
            assertThat(action.data()).containsEntry("window_events", 251);
        });
        assertThat(trend("user_click").spiking()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void countsThatArriveAfterTheirSecondWasJudgedStillStartTheSpikeThere(StateStores stores) {
        this.stores = stores;
        start();
        user("u1", "click", T0 - 42);
        user("u2", "click", T0 - 42);
        for (int i = 0; i < 248; i++) {
            user("u" + (i % 40), "click", T0 + i);
        }
        user("u1", "click", T0 + 260);
        flush();
        assertThat(actions.readValuesToList()).isEmpty();

        // within grace for its source, but its second has been judged: with it the window at T0+256 holds 251
        user("u2", "click", T0 + 256);
        flush();

        assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
            assertThat(action.timestamp()).isEqualTo(T0 + 256.0);
            assertThat(action.data()).containsEntry("window_events", 251);
        });
        assertThat(metrics.lateFrom(TrendCounter.LATE_PARTIALS)).isEqualTo(1);
    }

    @Test
    void nothingIsJudgedBeforeTheSourcesAreDoneWithTheSecond() {
        start();
        for (int i = 0; i < 251; i++) {
            user("u" + (i % 40), "click", T0 + i * 0.1);
        }
        driver.advanceWallClockTime(properties.flushInterval());
        assertThat(trend("user_click").windowEvents()).as("counted at once").isEqualTo(251);
        assertThat(actions.isEmpty()).as("a record within grace could still arrive for these seconds").isTrue();

        driver.advanceWallClockTime(properties.idleSourceTimeout());
        assertThat(actions.readValuesToList()).singleElement()
                .satisfies(action -> assertThat(action.timestamp()).isEqualTo(T0 + 25.0));
    }

    @Test
    void anEventExactly300SecondsOldHasLeftTheWindow() {
        start();
        user("u0", "click", T0);
        for (int i = 0; i < 249; i++) {
            user("u" + (i % 40), "click", T0 + 100);
        }
        user("u1", "click", T0 + 300);
        flush();
        assertThat(actions.isEmpty()).as("250 events in (t-300, t]").isTrue();
        assertThat(trend("user_click").windowEvents()).isEqualTo(250);
    }

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void spikesOnceWhileAboveAndAgainAfterFallingBelow(StateStores stores) {
        this.stores = stores;
        start();
        for (int i = 0; i < 400; i++) {
            user("u" + (i % 40), "click", T0 + i * 0.5);
        }
        flush();
        for (int i = 0; i < 100; i++) {
            user("u" + (i % 40), "click", T0 + 200 + i * 0.5);
        }
        flush();
        assertThat(actions.readValuesToList()).hasSize(1);

        user("u1", "click", T0 + 600);
        flush();
        assertThat(trend("user_click").spiking()).isFalse();
        for (int i = 0; i < 260; i++) {
            user("u" + (i % 40), "click", T0 + 601 + i);
        }
        flush();
        assertThat(actions.readValuesToList()).singleElement()
                .satisfies(action -> assertThat(action.timestamp()).isEqualTo(T0 + 601 + 249.0));
    }

    @Test
    void eventsOfBothTopicsCountUnderTheirOwnTrendKeys() {
        start();
        user("u1", "page_view", T0);
        user("u2", "page_view", T0 + 1);
        product("p1", "product_view", T0 + 2);
        product("p2", "purchase", T0 + 61);
        flush();

        Map<String, Long> windowEvents = queries.all().reader().read(stores(), Map.of()).trends().stream()
                .collect(java.util.stream.Collectors.toMap(Trend::trendKey, Trend::windowEvents));
        assertThat(windowEvents).containsExactlyInAnyOrderEntriesOf(Map.of("user_page_view", 2L,
                "product_product_view", 1L, "product_purchase", 1L));

        TrendHistory history = queries.history().reader().read(stores(), "user_page_view", Map.of()).orElseThrow();
        assertThat(history.perMinute()).hasSize(60);
        assertThat(history.perMinute().get(58)).isEqualTo(new TrendQueries.MinuteCount(T0, 2));
        assertThat(history.perMinute().get(59)).isEqualTo(new TrendQueries.MinuteCount(T0 + 60, 0));
        assertThat(queries.history().reader().read(stores(), "user_nothing", Map.of())).isEmpty();
    }

    @Test
    void theBaselineIsTheHourlyRatePerMinute() {
        start();
        for (int minute = 0; minute < 60; minute++) {
            for (int i = 0; i < 6; i++) {
                user("u" + i, "search", T0 + minute * 60 + i);
            }
        }
        flush();
        Trend search = trend("user_search");
        assertThat(search.baselineEventsPerMinute()).isEqualTo(6.0);
        assertThat(search.eventsPerMinute()).isEqualTo(6.0);
    }

    @Test
    void aBadRecordGoesToTheDlqAndLateEventsAreCountedNotApplied() {
        start();
        users.pipeInput(bytes("u1"), bytes("{\"user_id\":\"u1\",\"event_type\":\"click\"}"));
        user("u1", "click", T0 + 100);
        user("u2", "click", T0 + 10);
        product("p1", "product_view", T0 + 100);
        product("p1", "product_view", T0 + 90);
        flush();

        assertThat(dlq.readRecordsToList()).hasSize(1);
        assertThat(metrics.late()).isEqualTo(2);
        assertThat(trend("user_click").windowEvents()).isEqualTo(1);
        assertThat(trend("product_product_view").windowEvents()).isEqualTo(1);
    }

    @Test
    void partialCountsAreSentOnlyWhenFlushedAndNoneIsLostOrRepeated() {
        start();
        for (int i = 0; i < 30; i++) {
            user("u" + i, "click", T0 + i / 10.0);
        }
        assertThat(queries.all().reader().read(stores(), Map.of()).trends()).isEmpty();
        flush();
        flush();
        assertThat(trend("user_click").windowEvents()).isEqualTo(30);
    }

    private Trend trend(String key) {
        List<Trend> trends = queries.all().reader().read(stores(), Map.of()).trends();
        return trends.stream().filter(trend -> trend.trendKey().equals(key)).findFirst().orElseThrow();
    }

    /** Sends the partial counts, then lets the sources fall idle, so the rule is evaluated up to the last event. */
    private void flush() {
        driver.advanceWallClockTime(properties.flushInterval());
        driver.advanceWallClockTime(properties.idleSourceTimeout());
    }

    private StoreAccess stores() {
        return new StoreAccess() {
            @Override
            @SuppressWarnings("unchecked")
            public <S> S store(String storeName, QueryableStoreType<S> type) {
                return (S) driver.getKeyValueStore(storeName);
            }
        };
    }

    private void user(String user, String type, double timestamp) {
        users.pipeInput(bytes(user), bytes(String.format(Locale.ROOT,
                "{\"user_id\":\"%s\",\"event_type\":\"%s\",\"timestamp\":%.3f}", user, type, timestamp)));
    }

    private void product(String product, String type, double timestamp) {
        products.pipeInput(bytes(product), bytes(String.format(Locale.ROOT,
                "{\"product_id\":\"%s\",\"event_type\":\"%s\",\"timestamp\":%.3f,\"data\":{}}", product, type,
                timestamp)));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
