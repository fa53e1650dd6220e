package com.example.analytics.user.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.Action;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.RecordingMetrics;
import com.example.analytics.support.test.TopologyDrivers;
import com.example.analytics.user.UserAnalyticsProperties;
import com.example.analytics.user.session.CensusSnapshot;
import com.example.analytics.user.session.ClosedSessions;
import com.example.analytics.user.session.Session;
import com.example.analytics.user.session.SessionCensusStore;
import com.example.analytics.user.session.UserSessions;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The session and engagement rules at their boundaries, on the topology the service runs. */
class UserAnalyticsTopologyTest {

    private static final Instant WALL_CLOCK = Instant.parse("2026-11-25T12:00:00Z");
    private static final String SERVICE = "user-analytics-service";
    private static final long T0 = 1_732_450_000_000L;
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final TopologyDrivers.CapturingPublisher publisher = new TopologyDrivers.CapturingPublisher();
    private final TopologyEnvironment env = new TopologyEnvironment(SERVICE, Clock.fixed(WALL_CLOCK, ZoneOffset.UTC),
            Duration.ofSeconds(5), Duration.ofHours(1), metrics, new StreamTime());
    /** RocksDB as deployed; the tests that take a {@link StateStores} run on both kinds. */
    private StateStores stores = StateStores.ROCKSDB;
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Action> actions;
    private TestOutputTopic<byte[], byte[]> dlq;
    private KeyValueStore<String, UserSessions> sessions;
    private KeyValueStore<String, UserSessions> closed;

    private void start(UserAnalyticsProperties props) {
        driver = TopologyDrivers.driver(UserAnalyticsTopology.build(props, env.withStateStores(stores)), SERVICE, publisher);
        input = driver.createInputTopic(Topics.USER_EVENTS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        actions = driver.createOutputTopic(Topics.REAL_TIME_ACTIONS.name(),
                Topics.REAL_TIME_ACTIONS.keySerde().deserializer(), Topics.REAL_TIME_ACTIONS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.ANALYTICS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        sessions = driver.getKeyValueStore(UserAnalyticsTopology.SESSIONS_STORE);
        closed = driver.getKeyValueStore(UserAnalyticsTopology.CLOSED_SESSIONS_STORE);
    }

    private void startWithDefaults() {
        start(UserAnalyticsProperties.defaults());
    }

    /** Defaults except a two-minute gap, so a late event can bridge two sessions with few events. */
    private void startWithTwoMinuteGap() {
        UserAnalyticsProperties d = UserAnalyticsProperties.defaults();
        start(new UserAnalyticsProperties(Duration.ofMinutes(2), d.minEngagementDuration(),
                d.engagementPagesPerMinute(), d.maxSessionsPerUser(), d.sessionRetention(), d.maxDistinctValues(),
                d.defaultSessionsLimit()));
    }

    @AfterEach
    void stop() {
        if (driver != null) {
            driver.close();
        }
    }

    // ------------------------------------------------------------------ sessions

    @ParameterizedTest(name = "second event {0} ms after the first: {1} session(s)")
    @CsvSource({"1800000, 1", "1800001, 2", "1801000, 2", "60000, 1"})
    void eventsAtMostTheGapApartAreOneSession(long gapMillis, int expectedSessions) {
        startWithDefaults();
        pageView("u1", T0, "/a");
        pageView("u1", T0 + gapMillis, "/b");

        List<Session> stored = allSessions("u1");
        assertThat(stored).hasSize(expectedSessions);
        if (expectedSessions == 1) {
            assertThat(stored.get(0).startMillis()).isEqualTo(T0);
            assertThat(stored.get(0).endMillis()).isEqualTo(T0 + gapMillis);
            assertThat(stored.get(0).pages()).containsExactly("/a", "/b");
        } else {
            assertThat(stored).extracting(Session::startMillis).containsExactly(T0 + gapMillis, T0);
        }
    }

    @Test
    void aSessionCountsEventsPageViewsAndDistinctPagesDevicesAndLocations() {
        startWithDefaults();
        send("u1", "login", T0, Map.of("device", "mobile", "location", "city_1"));
        pageView("u1", T0 + 10 * SECOND, "/a");
        pageView("u1", T0 + 20 * SECOND, "/a");
        send("u1", "page_view", T0 + 30 * SECOND, Map.of("page", "/b", "device", "desktop", "location", "city_2"));
        send("u1", "click", T0 + 40 * SECOND, Map.of("page", "/c", "device", "mobile"));

        Session session = sessions.get("u1").latest();
        assertThat(session.events()).isEqualTo(5);
        assertThat(session.pageViews()).isEqualTo(3);
        assertThat(session.pages()).as("only page views name pages").containsExactly("/a", "/b");
        assertThat(session.devices()).containsExactly("mobile", "desktop");
        assertThat(session.locations()).containsExactly("city_1", "city_2");
        assertThat(session.durationMillis()).isEqualTo(40 * SECOND);
    }

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void closedSessionsAreKeptApartSoTheValueWrittenPerEventHoldsOnlyOpenOnes(StateStores kind) {
        stores = kind;
        startWithDefaults();
        for (int session = 0; session < 25; session++) {
            long start = T0 + session * 40 * MINUTE;
            pageView("u1", start, "/a");
            pageView("u1", start + MINUTE, "/b");
        }

        assertThat(sessions.get("u1").sessions()).as("written with every event: only the open session")
                .singleElement().extracting(Session::startMillis).isEqualTo(T0 + 24 * 40 * MINUTE);
        List<Session> all = allSessions("u1");
        assertThat(all).as("the newest of the kept sessions, newest first").hasSize(20)
                .extracting(Session::startMillis).first().isEqualTo(T0 + 24 * 40 * MINUTE);
        assertThat(all).last().extracting(Session::startMillis).isEqualTo(T0 + 5 * 40 * MINUTE);
        assertThat(all).allSatisfy(session -> assertThat(session.events()).isEqualTo(2));
    }

    @Test
    void aSessionStaysOpenWhileALateEventCouldStillJoinIt() {
        startWithTwoMinuteGap();
        pageView("u1", T0, "/a");
        pageView("u1", T0 + 123 * SECOND, "/b");
        // the first ended 123 s ago: an event 118 s after it would join it and is still within the 5 s grace
        assertThat(sessions.get("u1").sessions()).hasSize(2);

        pageView("u1", T0 + 126 * SECOND, "/c");
        assertThat(sessions.get("u1").sessions()).as("no acceptable event reaches the first any more").hasSize(1);
        assertThat(allSessions("u1")).hasSize(2);
    }

    @Test
    void outOfOrderEventsWithinGraceGiveTheSameSessionsAsInOrder() {
        startWithDefaults();
        SplittableRandom random = new SplittableRandom(11);
        long[] times = new long[300];
        long time = T0;
        for (int i = 0; i < times.length; i++) {
            // Mostly seconds apart, sometimes a gap just below or above 30 minutes.
            int roll = random.nextInt(20);
            time += roll == 0 ? 30 * MINUTE + random.nextInt(2) : roll == 1 ? 30 * MINUTE - 1 : random.nextInt(1, 4000);
            times[i] = time;
        }
        long[] shuffled = times.clone();
        for (int i = 0; i + 1 < shuffled.length; i += 2) {
            // Swap neighbours less than the grace period apart: out of order, never late.
            if (shuffled[i + 1] - shuffled[i] < 4 * SECOND && random.nextBoolean()) {
                long t = shuffled[i];
                shuffled[i] = shuffled[i + 1];
                shuffled[i + 1] = t;
            }
        }
        for (int i = 0; i < times.length; i++) {
            pageView("ordered", times[i], "/p");
            pageView("shuffled", shuffled[i], "/p");
        }

        assertThat(metrics.late()).isZero();
        List<String> ordered = shape(allSessions("ordered"));
        assertThat(shape(allSessions("shuffled"))).isEqualTo(ordered);
        assertThat(ordered).hasSizeGreaterThan(5);
    }

    // ------------------------------------------------------------------ engagement

    @ParameterizedTest(name = "last page view at {0} s: action {1}")
    @CsvSource({"59, false", "60, true"})
    void engagementNeedsASessionOfAtLeastSixtySeconds(int lastSecond, boolean fires) {
        startWithDefaults();
        for (int s = 0; s <= 50; s += 10) {
            pageView("u1", T0 + s * SECOND, "/p" + s);
        }
        pageView("u1", T0 + lastSecond * SECOND, "/last");

        List<Action> emitted = actions.readValuesToList();
        if (!fires) {
            // 7 page views in 59 s is 7.1 a minute, but the session is too short.
            assertThat(emitted).isEmpty();
            return;
        }
        assertThat(emitted).singleElement().satisfies(action -> {
            assertThat(action.actionId()).isEqualTo("user-analytics:high_engagement:u1:" + T0);
            assertThat(action.actionType()).isEqualTo("high_engagement");
            assertThat(action.subject()).isEqualTo("u1");
            assertThat(action.source()).isEqualTo(SERVICE);
            assertThat(action.timestampMillis()).isEqualTo(T0 + 60 * SECOND);
            assertThat(action.data()).containsEntry("user_id", "u1")
                    .containsEntry("engagement_score", 7.0)
                    .containsEntry("session_duration", 60.0)
                    .containsEntry("page_views", 7);
        });
        assertThat(metrics.actions("high_engagement")).isEqualTo(1);
        assertThat(sessions.get("u1").latest().engaged()).isTrue();
    }

    @ParameterizedTest(name = "sixth page view at {0} s: action {1}")
    @CsvSource({"72, false", "71, true"})
    void engagementNeedsMoreThanFivePageViewsPerMinute(int lastSecond, boolean fires) {
        startWithDefaults();
        for (int s = 0; s <= 48; s += 12) {
            pageView("u1", T0 + s * SECOND, "/p");
        }
        // Other events count as events, not as page views.
        send("u1", "click", T0 + 65 * SECOND, Map.of());
        pageView("u1", T0 + lastSecond * SECOND, "/p");

        // 6 page views in 72 s is exactly 5.0 a minute; in 71 s it is 5.07.
        List<Action> emitted = actions.readValuesToList();
        if (fires) {
            assertThat(emitted).singleElement().satisfies(action -> {
                assertThat(action.data().get("page_views")).isEqualTo(6);
                assertThat((Double) action.data().get("engagement_score")).isCloseTo(6 / (71 / 60.0),
                        org.assertj.core.data.Offset.offset(1e-9));
                assertThat(action.timestampMillis()).isEqualTo(T0 + 71 * SECOND);
            });
        } else {
            assertThat(emitted).isEmpty();
            assertThat(sessions.get("u1").latest().engaged()).isFalse();
        }
    }

    @Test
    void engagementFiresOncePerSessionAndAgainInTheNextSession() {
        startWithDefaults();
        for (int i = 0; i < 20; i++) {
            pageView("u1", T0 + i * 5 * SECOND, "/p" + i);
        }
        long second = T0 + 95 * SECOND + 30 * MINUTE + 1;
        for (int i = 0; i < 20; i++) {
            pageView("u1", second + i * 5 * SECOND, "/q" + i);
        }

        List<Action> emitted = actions.readValuesToList();
        assertThat(emitted).extracting(Action::actionId).containsExactly(
                "user-analytics:high_engagement:u1:" + T0, "user-analytics:high_engagement:u1:" + second);
        // Each fires at the first event where the session has lasted 60 s: 13 page views in a minute.
        assertThat(emitted).extracting(Action::timestampMillis).containsExactly(T0 + 60 * SECOND,
                second + 60 * SECOND);
        assertThat(emitted.get(0).data()).containsEntry("page_views", 13);
    }

    @Test
    void aLateEventMergingAnEngagedSessionWithANewOneDoesNotFireAgain() {
        startWithTwoMinuteGap();
        for (int s = 0; s <= 60; s += 5) {
            pageView("u1", T0 + s * SECOND, "/a");
        }
        assertThat(actions.readValuesToList()).hasSize(1);
        long b = T0 + 183 * SECOND;
        pageView("u1", b, "/b");
        assertThat(allSessions("u1")).hasSize(2);

        // 119 s after the first session, 4 s before the second: within grace, and within the gap of both.
        pageView("u1", b - 4 * SECOND, "/bridge");
        for (int i = 1; i <= 10; i++) {
            pageView("u1", b + i * 100, "/c");
        }

        assertThat(metrics.late()).isZero();
        Session merged = sessions.get("u1").latest();
        assertThat(allSessions("u1")).hasSize(1);
        assertThat(merged.startMillis()).isEqualTo(T0);
        assertThat(merged.pageViews()).isEqualTo(13 + 1 + 1 + 10);
        // The merged session is engaged by the rule (25 page views in 184 s = 8.2 a minute) but was flagged.
        assertThat(merged.pageViews() * 60_000.0 / merged.durationMillis()).isGreaterThan(5);
        assertThat(merged.engaged()).isTrue();
        assertThat(actions.readValuesToList()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void aLateEventMergingTwoQuietSessionsIntoAnEngagedOneFiresOnceWithTheMergedStart(StateStores stores) {
        this.stores = stores;
        startWithTwoMinuteGap();
        for (int s = 0; s <= 30; s += 2) {
            pageView("u1", T0 + s * SECOND, "/a");
        }
        long b = T0 + 153 * SECOND;
        pageView("u1", b, "/b");
        assertThat(actions.readValuesToList()).isEmpty();

        pageView("u1", b - 4 * SECOND, "/bridge");
        pageView("u1", b + SECOND, "/b");

        // 16 + 1 + 1 page views over 153 s = 7.06 a minute: fires at the bridging event, for the merged session.
        assertThat(actions.readValuesToList()).singleElement().satisfies(action -> {
            assertThat(action.actionId()).isEqualTo("user-analytics:high_engagement:u1:" + T0);
            assertThat(action.timestampMillis()).isEqualTo(b - 4 * SECOND);
            assertThat(action.data()).containsEntry("page_views", 18).containsEntry("session_duration", 153.0);
        });
    }

    // ------------------------------------------------------------------ late and bad input

    @Test
    void anEventBeyondGraceIsCountedAndNotApplied() {
        startWithDefaults();
        pageView("u1", T0, "/a");
        pageView("u1", T0 + 100 * SECOND, "/a");
        pageView("u2", T0 + 95 * SECOND, "/at-grace");
        pageView("u3", T0 + 95 * SECOND - 1, "/beyond-grace");
        pageView("u1", T0 + 95 * SECOND - 1, "/beyond-grace");

        assertThat(metrics.late()).isEqualTo(2);
        assertThat(sessions.get("u2")).as("exactly at the grace bound still counts").isNotNull();
        assertThat(sessions.get("u3")).isNull();
        assertThat(sessions.get("u1").latest().events()).isEqualTo(2);
        assertThat(census().users()).isEqualTo(2);
    }

    @Test
    void aBadRecordGoesToTheDlqAndTheNextEventIsProcessed() {
        startWithDefaults();
        byte[] bad = "{\"user_id\":\"u1\",\"event_type\":\"page_view\",\"timestamp\":\"soon\"}"
                .getBytes(StandardCharsets.UTF_8);
        input.pipeInput(bytes("u1"), bad);
        pageView("u1", T0, "/a");

        assertThat(dlq.readValuesToList()).singleElement().isEqualTo(bad);
        assertThat(metrics.deadLettered()).isEqualTo(1);
        assertThat(sessions.get("u1").latest().events()).isEqualTo(1);
    }

    // ------------------------------------------------------------------ live figures

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void theCensusCountsUsersAndActiveSessionsAsStreamTimeMoves(StateStores stores) {
        this.stores = stores;
        startWithDefaults();
        Map<String, Long> lastEvent = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        long time = T0;
        long now = Long.MIN_VALUE;
        for (int i = 0; i < 2_000; i++) {
            time += random.nextInt(0, 4_000);
            String user = "u" + random.nextInt(150);
            // Now and then an event a little out of order, within grace.
            long eventTime = random.nextInt(10) == 0 ? time - random.nextInt(4_000) : time;
            pageView(user, eventTime, "/p");
            lastEvent.merge(user, eventTime, Math::max);
            now = Math.max(now, eventTime);

            if (i % 250 == 0 || i == 1_999) {
                long at = now;
                long expectedActive = lastEvent.values().stream()
                        .filter(last -> last / 1000 >= at / 1000 - 1800).count();
                CensusSnapshot census = census();
                assertThat(census.users()).isEqualTo(lastEvent.size());
                assertThat(census.streamTimeMillis()).isEqualTo(at);
                assertThat(CensusSnapshot.merge(List.of(census), 1800).activeSessions(1800))
                        .as("active at event %d", i).isEqualTo(expectedActive);
            }
        }
        // Nobody is active half an hour and a second after the last event.
        pageView("late-comer", time + 30 * MINUTE + SECOND, "/p");
        CensusSnapshot census = census();
        assertThat(census.users()).isEqualTo(lastEvent.size() + 1);
        assertThat(census.activeSessions(1800)).isEqualTo(1);
        assertThat(census.usersByLastSecond()).hasSize(1);
    }

    // ------------------------------------------------------------------ helpers

    private CensusSnapshot census() {
        return ((SessionCensusStore) driver.getStateStore(UserAnalyticsTopology.CENSUS_STORE)).snapshot();
    }

    /** The user's sessions newest first, open and closed, as the sessions endpoint lists them. */
    private List<Session> allSessions(String user) {
        List<Session> all = new ArrayList<>(sessions.get(user).sessions());
        all.addAll(ClosedSessions.newest(closed, user, Integer.MAX_VALUE));
        return all;
    }

    private static List<String> shape(List<Session> newestFirst) {
        return newestFirst.stream()
                .map(s -> s.startMillis() + "-" + s.endMillis() + ":" + s.events() + "/" + s.pageViews())
                .toList();
    }

    private void pageView(String user, long millis, String page) {
        send(user, "page_view", millis, Map.of("page", page, "device", "mobile", "location", "city_1"));
    }

    private void send(String user, String type, long millis, Map<String, String> data) {
        StringBuilder json = new StringBuilder("{\"user_id\":\"").append(user).append("\",\"event_type\":\"")
                .append(type).append("\",\"timestamp\":").append(millis / 1000).append('.')
                .append(String.format("%03d", millis % 1000)).append(",\"data\":{");
        String separator = "";
        for (var entry : data.entrySet()) {
            json.append(separator).append('"').append(entry.getKey()).append("\":\"").append(entry.getValue())
                    .append('"');
            separator = ",";
        }
        json.append("}}");
        input.pipeInput(bytes(user), bytes(json.toString()));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
