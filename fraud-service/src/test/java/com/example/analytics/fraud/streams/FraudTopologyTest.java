package com.example.analytics.fraud.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.fraud.FraudProperties;
import com.example.analytics.fraud.query.FraudQueries;
import com.example.analytics.fraud.query.FraudQueries.UserFraud;
import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.fraud.rules.FraudRules;
import com.example.analytics.model.Action;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.query.StoreAccess;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.RecordingMetrics;
import com.example.analytics.support.test.TopologyDrivers;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FraudTopologyTest {

    private static final long T0 = Instant.parse("2026-11-23T10:00:00Z").getEpochSecond();
    private static final String SERVICE = "fraud-service";

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final StreamTime streamTime = new StreamTime();
    private final TopologyEnvironment env = new TopologyEnvironment(SERVICE,
            Clock.fixed(Instant.ofEpochSecond(T0 + 86_400), ZoneOffset.UTC), Duration.ofSeconds(5),
            Duration.ofDays(30), metrics, streamTime);
    private final FraudProperties properties = FraudProperties.defaults();
    /** RocksDB as deployed; the tests that take a {@link StateStores} run on both kinds. */
    private StateStores stores = StateStores.ROCKSDB;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Action> actions;
    private TestOutputTopic<byte[], byte[]> dlq;
    private FraudQueries queries;

    private void start(List<FraudRule<?>> rules) {
        driver = TopologyDrivers.driver(FraudTopology.build(rules, properties.alerts(), env.withStateStores(stores)),
                SERVICE, new TopologyDrivers.CapturingPublisher());
        input = driver.createInputTopic(Topics.USER_EVENTS.name(), new ByteArraySerializer(), new ByteArraySerializer());
        actions = driver.createOutputTopic(Topics.REAL_TIME_ACTIONS.name(),
                Topics.REAL_TIME_ACTIONS.keySerde().deserializer(), Topics.REAL_TIME_ACTIONS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.ANALYTICS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        queries = new FraudQueries(rules, streamTime);
    }

    private void startWithDefaults() {
        start(FraudRules.from(properties));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    @Nested
    class ExcessiveActivity {

        @Test
        void fiftyEventsInAMinuteAreFineTheFiftyFirstAlerts() {
            startWithDefaults();
            for (int i = 0; i < 50; i++) {
                event("u1", "click", T0 + i, "");
            }
            assertThat(actions.isEmpty()).isTrue();

            event("u1", "click", T0 + 59.5, "");

            assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
                assertThat(action.actionType()).isEqualTo("potential_fraud");
                assertThat(action.rule()).isEqualTo("excessive_activity");
                assertThat(action.subject()).isEqualTo("u1");
                assertThat(action.timestamp()).isEqualTo(T0 + 59.5);
                assertThat(action.actionId()).isEqualTo("fraud:excessive_activity:u1:" + (T0 * 1000 + 59_500));
                assertThat(action.data()).containsEntry("user_id", "u1").containsEntry("events_per_minute", 51);
            });
        }

        @Test
        void anEventExactlySixtySecondsOldHasLeftTheWindow() {
            startWithDefaults();
            event("u1", "click", T0, "");
            for (int i = 0; i < 49; i++) {
                event("u1", "click", T0 + 30, "");
            }
            event("u1", "click", T0 + 60, "");
            assertThat(actions.isEmpty()).as("50 events in (t-60, t]").isTrue();

            event("u1", "click", T0 + 60.2, "");
            assertThat(actions.readValuesToList()).hasSize(1);
        }

        @Test
        void alertsOnceWhileAboveAndAgainAfterFallingBelow() {
            startWithDefaults();
            for (int i = 0; i < 120; i++) {
                event("u1", "click", T0 + i * 0.25, "");
            }
            assertThat(actions.readValuesToList()).hasSize(1);

            event("u1", "click", T0 + 300, "");
            assertThat(actions.isEmpty()).isTrue();
            for (int i = 0; i < 51; i++) {
                event("u1", "click", T0 + 301 + i * 0.5, "");
            }
            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.timestamp()).isEqualTo(T0 + 301 + 49 * 0.5));
        }
    }

    @Nested
    class ImpossibleTravel {

        @ParameterizedTest
        @EnumSource(StateStores.class)
        void fiveLocationsInAnHourAreFineTheSixthAlerts(StateStores stores) {
            FraudTopologyTest.this.stores = stores;
            startWithDefaults();
            for (int i = 0; i < 5; i++) {
                event("u1", "page_view", T0 + i * 600, "\"location\":\"city_" + i + "\"");
            }
            event("u1", "page_view", T0 + 3000, "\"location\":\"city_0\"");
            event("u1", "page_view", T0 + 3100, "\"location\":\"\"");
            event("u1", "page_view", T0 + 3150, "");
            assertThat(actions.isEmpty()).isTrue();

            event("u1", "page_view", T0 + 3200, "\"location\":\"city_5\"");

            assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
                assertThat(action.rule()).isEqualTo("impossible_travel");
                assertThat(action.data()).containsEntry("unique_locations", 6)
                        .containsEntry("locations", List.of("city_0", "city_1", "city_2", "city_3", "city_4",
                                "city_5"));
            });
        }

        @Test
        void anOutOfOrderEventWithinGraceIsEvaluatedAtItsOwnTime() {
            startWithDefaults();
            for (int i = 0; i < 5; i++) {
                event("u1", "page_view", T0 + i, "\"location\":\"city_" + i + "\"");
            }
            event("u1", "click", T0 + 10, "");
            event("u1", "page_view", T0 + 7, "\"location\":\"city_9\"");

            assertThat(metrics.late()).isZero();
            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.timestamp()).isEqualTo(T0 + 7.0));
        }

        @Test
        void aLocationLastSeenExactlyAnHourAgoNoLongerCounts() {
            startWithDefaults();
            for (int i = 0; i < 5; i++) {
                event("u1", "page_view", T0 + i, "\"location\":\"city_" + i + "\"");
            }
            event("u1", "page_view", T0 + 3600, "\"location\":\"city_5\"");
            assertThat(actions.isEmpty()).as("city_0 was last seen at t-3600").isTrue();
            assertThat(counters("u1", "impossible_travel")).containsEntry("unique_locations_last_hour", 5);
        }
    }

    @Nested
    class SuspiciousLoginThenLargeTransaction {

        @Test
        void aTransactionAbove1000Within300SecondsOfASuspiciousLoginAlerts() {
            startWithDefaults();
            login("u1", T0, "true");
            transaction("u1", T0 + 100, 1000);
            assertThat(actions.isEmpty()).as("1000 is not above 1000").isTrue();

            transaction("u1", T0 + 300, 1000.01);

            assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
                assertThat(action.rule()).isEqualTo("suspicious_login_transaction");
                assertThat(action.timestamp()).isEqualTo(T0 + 300.0);
                assertThat(action.data()).containsEntry("user_id", "u1").containsEntry("amount", 1000.01)
                        .containsEntry("login_time", (double) T0);
            });
        }

        @Test
        void threeHundredAndOneSecondsIsTooLate() {
            startWithDefaults();
            login("u1", T0, "true");
            transaction("u1", T0 + 301, 5000);
            assertThat(actions.isEmpty()).isTrue();
        }

        @Test
        void everyQualifyingTransactionAlertsAndTheLoginIsNotUsedUp() {
            startWithDefaults();
            login("u1", T0, "true");
            transaction("u1", T0 + 10, 2000);
            transaction("u1", T0 + 20, 3000);
            assertThat(actions.readValuesToList()).extracting(Action::timestamp)
                    .containsExactly(T0 + 10.0, T0 + 20.0);
        }

        @Test
        void aTransactionBeforeTheLoginDoesNotCount() {
            startWithDefaults();
            transaction("u1", T0, 5000);
            login("u1", T0 + 10, "true");
            assertThat(actions.isEmpty()).isTrue();
        }

        @Test
        void twoSuspiciousLoginsThenOneTransactionIsOneAlertNamingTheLatestLogin() {
            startWithDefaults();
            login("u1", T0, "true");
            login("u1", T0 + 60, "true");
            transaction("u1", T0 + 120, 5000);
            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.data()).containsEntry("login_time", T0 + 60.0));
        }

        @Test
        void aLoginWithoutTheSuspiciousFlagDoesNotCount() {
            startWithDefaults();
            event("u1", "login", T0, "");
            transaction("u1", T0 + 10, 5000);
            assertThat(actions.isEmpty()).isTrue();
        }

        @Test
        void onlyTheJsonBooleanTrueMakesALoginSuspicious() {
            startWithDefaults();
            login("u1", T0, "\"true\"");
            login("u2", T0, "false");
            login("u3", T0, "1");
            transaction("u1", T0 + 10, 2000);
            transaction("u2", T0 + 10, 2000);
            transaction("u3", T0 + 10, 2000);
            assertThat(actions.isEmpty()).isTrue();
        }

        @Test
        void pendingLoginsOfIdleUsersAreClearedSoTheirStateGoesAway() {
            startWithDefaults();
            login("u1", T0, "true");
            assertThat(driver.getKeyValueStore(FraudTopology.USERS_STORE).get("u1")).isNotNull();

            event("u2", "click", T0 + 400, "");
            driver.advanceWallClockTime(properties.alerts().cleanupInterval());

            assertThat(driver.getKeyValueStore(FraudTopology.USERS_STORE).get("u1")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void stateOfTenThousandQuietUsersIsGoneTwoHoursLater(StateStores stores) {
        this.stores = stores;
        startWithDefaults();
        // Not fewer users: a tick sweeps at least 100, so an interval at least 6,000, and below about 8,500 slices
        // sized per tick instead of per pass (shrinking with every user the pass removes) would still sweep them all.
        // At 10,000 that bug leaves about 500 behind.
        for (int i = 0; i < 10_000; i++) {
            String data = switch (i % 3) {
                case 0 -> "\"location\":\"city_" + i % 50 + "\"";
                case 1 -> "\"suspicious\":true";
                default -> "";
            };
            event("user_" + i, i % 3 == 1 ? "login" : "page_view", T0 + i / 100.0, data);
        }
        var store = driver.<String, UserFraudState>getKeyValueStore(FraudTopology.USERS_STORE);
        assertThat(store.approximateNumEntries()).isEqualTo(10_000);

        event("clock", "click", T0 + 100 + 7200, "");
        // One cleanup interval of wall clock, in the sweep's ticks: each looks at one slice of the users.
        Duration tick = FraudProcessor.sweepTick(properties.alerts().cleanupInterval());
        driver.advanceWallClockTime(tick);
        assertThat(store.approximateNumEntries()).as("one tick sweeps a slice, not every user at once")
                .isGreaterThan(5_000);
        for (int i = 1; i < FraudProcessor.SWEEP_SLICES; i++) {
            driver.advanceWallClockTime(tick);
        }

        List<String> left = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> left.add(entry.key));
        }
        assertThat(left).containsExactly("clock");
    }

    @Nested
    class Plumbing {

        @Test
        void aBadRecordGoesToTheDlqAndTheNextOneCounts() {
            startWithDefaults();
            send("u1", "{\"user_id\":\"u1\",\"event_type\":\"login\",\"timestamp\":\"" + T0 + "\"}");
            login("u1", T0, "true");

            assertThat(dlq.readRecordsToList()).hasSize(1);
            assertThat(counters("u1", "suspicious_login_transaction")).containsEntry("pending_suspicious_logins", 1);
        }

        @Test
        void lateEventsAreCountedAndChangeNothing() {
            startWithDefaults();
            login("u1", T0 + 100, "true");
            login("u1", T0, "true");
            transaction("u1", T0 + 1, 5000);

            assertThat(metrics.late()).isEqualTo(2);
            assertThat(actions.isEmpty()).isTrue();
        }

        @Test
        void userQueryShowsCountersAndRecentAlertsNewestFirst() {
            startWithDefaults();
            login("u1", T0, "true");
            transaction("u1", T0 + 10, 2000);
            transaction("u1", T0 + 20, 3000);

            UserFraud user = queries.user().reader().read(stores(), "u1", Map.of()).orElseThrow();
            assertThat(user.recentAlerts()).extracting(Action::timestamp).containsExactly(T0 + 20.0, T0 + 10.0);
            assertThat(user.rules()).containsOnlyKeys("excessive_activity", "impossible_travel",
                    "suspicious_login_transaction");
            assertThat(user.rules().get("excessive_activity")).containsEntry("events_last_minute", 3L);
            assertThat(queries.user().reader().read(stores(), "nobody", Map.of())).isEmpty();
        }

        @ParameterizedTest
        @EnumSource(StateStores.class)
        void recentAlertsAcrossUsersAreNewestFirstAndFilterableByRule(StateStores stores) {
            FraudTopologyTest.this.stores = stores;
            startWithDefaults();
            login("u1", T0, "true");
            transaction("u1", T0 + 10, 2000);
            for (int i = 0; i < 51; i++) {
                event("u2", "click", T0 + 20 + i * 0.1, "");
            }
            transaction("u1", T0 + 40, 2000);

            var all = queries.recentAlerts().reader().read(stores(), Map.of(FraudQueries.LIMIT, "10"));
            assertThat(all.alerts()).extracting(Action::rule).containsExactly("suspicious_login_transaction",
                    "excessive_activity", "suspicious_login_transaction");
            var logins = queries.recentAlerts().reader().read(stores(),
                    Map.of(FraudQueries.LIMIT, "1", FraudQueries.RULE, "suspicious_login_transaction"));
            assertThat(logins.alerts()).extracting(Action::timestamp).containsExactly(T0 + 40.0);
        }

        @Test
        void aFourthRuleIsOneNewClassAndNoChangeToTheProcessor() {
            List<FraudRule<?>> rules = new ArrayList<>(FraudRules.from(properties));
            rules.add(new NightTransactionRule());
            start(rules);

            transaction("u1", Instant.parse("2026-11-23T03:00:00Z").getEpochSecond(), 50);
            transaction("u1", Instant.parse("2026-11-23T13:00:00Z").getEpochSecond(), 50);

            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.rule()).isEqualTo("night_transaction"));
            assertThat(counters("u1", "night_transaction")).containsEntry("night_transactions", 1);
        }
    }

    /** A rule that exists only in this test: transactions between 00:00 and 05:00 UTC, each one an alert. */
    private static final class NightTransactionRule implements FraudRule<int[]> {
        @Override
        public String name() {
            return "night_transaction";
        }

        @Override
        public Firing firing() {
            return Firing.EVERY_MATCH;
        }

        @Override
        public int[] newState() {
            return new int[1];
        }

        @Override
        public Optional<Map<String, Object>> apply(int[] count, String userId, UserEvent event, long eventTimeMillis) {
            int hour = Instant.ofEpochMilli(eventTimeMillis).atZone(ZoneOffset.UTC).getHour();
            if (!event.eventType().equals("transaction") || hour >= 5) {
                return Optional.empty();
            }
            count[0]++;
            return Optional.of(Map.of("user_id", userId, "hour", hour));
        }

        @Override
        public boolean expire(int[] count, long horizonMillis) {
            return false;
        }

        @Override
        public boolean isEmpty(int[] count) {
            return count[0] == 0;
        }

        @Override
        public Map<String, Object> counters(int[] count, long nowMillis) {
            return Map.of("night_transactions", count[0]);
        }

        @Override
        public void write(int[] count, DataOutput out) throws IOException {
            out.writeInt(count[0]);
        }

        @Override
        public int[] read(DataInput in) throws IOException {
            return new int[] {in.readInt()};
        }
    }

    private Map<String, Object> counters(String userId, String rule) {
        return queries.user().reader().read(stores(), userId, Map.of()).orElseThrow().rules().get(rule);
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

    private void login(String user, double timestamp, String suspicious) {
        event(user, "login", timestamp, "\"suspicious\":" + suspicious);
    }

    private void transaction(String user, double timestamp, double amount) {
        event(user, "transaction", timestamp, "\"amount\":" + amount);
    }

    private void event(String user, String type, double timestamp, String data) {
        send(user, String.format(Locale.ROOT,
                "{\"user_id\":\"%s\",\"event_type\":\"%s\",\"timestamp\":%.3f,\"data\":{%s}}", user, type, timestamp,
                data));
    }

    private void send(String key, String value) {
        input.pipeInput(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
