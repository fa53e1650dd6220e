package com.example.analytics.user.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.Injection;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.Action;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import com.example.analytics.user.UserAnalyticsApplication;
import com.example.analytics.user.UserAnalyticsServiceDefinition;
import com.example.analytics.user.topology.UserAnalyticsTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;

/**
 * Two instances of the service on one real broker, fed a realistic mix from the load generator (about 1,000
 * users, engaged sessions, out-of-order, late and bad records). Every answer — REST on either instance and the
 * actions topic read as a read_committed consumer — is checked against {@link ExpectedSessions}, computed from the
 * same generated records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class UserAnalyticsScenario {

    private static final String APP_ID = "user-analytics-it";
    private static final int PARTITIONS = 6;
    private static final Duration WAIT = Duration.ofSeconds(90);

    private ServiceInstance a;
    private ServiceInstance b;
    private String bootstrap;
    private ExpectedSessions expected;
    private List<Injection> engaged;

    protected abstract String bootstrapServers();

    /** Where both instances keep their state, when not where the service keeps it by default. */
    protected Optional<StateStores> stateStores() {
        return Optional.empty();
    }

    @BeforeAll
    void startTwoInstancesAndProduce() {
        bootstrap = bootstrapServers();
        Map<String, String> settings = stateStores().map(kind -> Map.of("analytics.streams.state-stores",
                kind.propertyValue())).orElse(Map.of());
        a = ServiceInstance.start(UserAnalyticsApplication.class, bootstrap, APP_ID, settings);
        b = ServiceInstance.start(UserAnalyticsApplication.class, bootstrap, APP_ID, settings);
        await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                && ownedPartitions(a) + ownedPartitions(b) == PARTITIONS
                && ownedPartitions(a) > 0 && ownedPartitions(b) > 0);

        LoadGenerator generator = new LoadGenerator(GeneratorConfig.builder().seed(7).users(1_000).products(200)
                .events(50_000).eventsPerSecond(20).start(Instant.parse("2026-11-20T09:00:00Z"))
                .scenarios(EnumSet.of(Scenario.ENGAGED_SESSION, Scenario.OUT_OF_ORDER, Scenario.LATE,
                        Scenario.BAD_RECORDS))
                .badFraction(0.01).outOfOrderFraction(0.02).lateFraction(0.005).build());
        List<GeneratedRecord> records = new ArrayList<>();
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            generator.stream().filter(record -> record.topic().equals(Topics.USER_EVENTS.name())).forEach(record -> {
                records.add(record);
                sink.send(record);
            });
            sink.flush();
        }
        expected = new ExpectedSessions(records, PARTITIONS);
        engaged = generator.report().injections(Scenario.ENGAGED_SESSION);
        assertThat(engaged).as("the run includes engaged sessions").hasSizeGreaterThanOrEqualTo(2);
        assertThat(expected.late).as("the run includes late records").isPositive();
        assertThat(expected.activeSessions()).as("some users went quiet").isLessThan(expected.sessionsByUser.size());

        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode stats = Http.get(a.baseUrl() + "/api/stats").json();
            assertThat(stats.get("late_records").asLong()).isEqualTo(expected.late);
            assertThat(stats.get("dead_lettered_records").asLong()).isEqualTo(expected.bad);
            Http.Response active = Http.get(a.baseUrl() + "/api/sessions/active");
            assertThat(active.status()).as(active.body()).isEqualTo(200);
            assertThat(active.json().get("total_users").asLong()).isEqualTo(expected.sessionsByUser.size());
            assertThat(active.json().get("active_sessions").asLong()).isEqualTo(expected.activeSessions());
        });
    }

    @AfterAll
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    @Test
    void bothInstancesKeepTheirStateWhereTheyWereTold() {
        for (ServiceInstance instance : List.of(a, b)) {
            assertThat(instance.bean(TopologyEnvironment.class).stateStores())
                    .isEqualTo(stateStores().orElse(new UserAnalyticsServiceDefinition().stateStores()));
        }
    }

    @Test
    void exactlyTheInjectedEngagedSessionsGetOneActionEach() {
        Set<String> injected = engaged.stream()
                .map(injection -> "user-analytics:high_engagement:" + injection.subject() + ":" + injection.fromMillis())
                .collect(Collectors.toSet());
        assertThat(expected.actionIds).as("the rule, computed independently").containsExactlyInAnyOrderElementsOf(injected);

        await().atMost(WAIT).untilAsserted(() -> {
            List<Action> actions = TopicRecords.readAll(bootstrap, Topics.REAL_TIME_ACTIONS.name()).stream()
                    .map(record -> Topics.REAL_TIME_ACTIONS.valueSerde().deserializer()
                            .deserialize(Topics.REAL_TIME_ACTIONS.name(), record.value()))
                    .toList();
            assertThat(actions).extracting(Action::actionId).containsExactlyInAnyOrderElementsOf(injected);
        });
        List<Action> actions = TopicRecords.readAll(bootstrap, Topics.REAL_TIME_ACTIONS.name()).stream()
                .map(record -> Topics.REAL_TIME_ACTIONS.valueSerde().deserializer()
                        .deserialize(Topics.REAL_TIME_ACTIONS.name(), record.value()))
                .toList();
        for (Injection injection : engaged) {
            Action action = actions.stream().filter(x -> x.subject().equals(injection.subject())).findFirst()
                    .orElseThrow();
            assertThat(action.actionType()).isEqualTo("high_engagement");
            assertThat(action.timestampMillis()).isEqualTo(injection.details().get("trigger_time_ms"));
            assertThat(action.data()).containsEntry("page_views", injection.details().get("page_views_at_trigger"))
                    .containsEntry("user_id", injection.subject());
        }
    }

    @Test
    void everyUsersSessionsAreRightOnBothInstancesAndSayWhoServedThem() {
        List<String> users = new ArrayList<>(expected.sessionsByUser.keySet());
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < users.size(); i += Math.max(1, users.size() / 60)) {
            sample.add(users.get(i));
        }
        engaged.forEach(injection -> sample.add(injection.subject()));
        for (String user : sample) {
            List<ExpectedSessions.ExpectedSession> sessions = expected.sessionsByUser.get(user);
            String owner = owner(user);
            for (ServiceInstance instance : List.of(a, b)) {
                Http.Response response = Http.get(instance.baseUrl() + "/api/users/" + user + "/sessions?limit=20");
                assertThat(response.status()).as(user + ": " + response.body()).isEqualTo(200);
                JsonNode body = response.json();
                assertThat(body.get("served_by").asString()).isEqualTo(owner);
                assertThat(body.get("user_id").asString()).isEqualTo(user);
                List<ExpectedSessions.ExpectedSession> actual = new ArrayList<>();
                body.get("sessions").forEach(s -> actual.add(new ExpectedSessions.ExpectedSession(
                        Math.round(s.get("session_start").asDouble() * 1000),
                        Math.round(s.get("session_end").asDouble() * 1000),
                        s.get("event_count").asInt(), s.get("page_views").asInt())));
                assertThat(actual).as(user).isEqualTo(sessions.subList(0, Math.min(20, sessions.size())));
            }
        }
    }

    @Test
    void theCurrentSessionIsTheLatestWhileActiveElseNotFound() {
        long nowSecond = Math.floorDiv(expected.streamTime, 1000L);
        String activeUser = expected.lastEventByUser.entrySet().stream()
                .filter(e -> Math.floorDiv(e.getValue(), 1000L) >= nowSecond - 1800).map(Map.Entry::getKey)
                .findFirst().orElseThrow();
        String quietUser = expected.lastEventByUser.entrySet().stream()
                .filter(e -> Math.floorDiv(e.getValue(), 1000L) < nowSecond - 1800).map(Map.Entry::getKey)
                .findFirst().orElseThrow();

        Http.Response current = Http.get(b.baseUrl() + "/api/users/" + activeUser + "/session");
        assertThat(current.status()).as(current.body()).isEqualTo(200);
        JsonNode body = current.json();
        assertThat(Math.round(body.get("session_start").asDouble() * 1000))
                .isEqualTo(expected.sessionsByUser.get(activeUser).get(0).start());
        assertThat(body.get("active").asBoolean()).isTrue();
        // A key is answered by its owner, whose stream time is the latest of its own partitions.
        assertThat(body.get("as_of").asDouble()).isBetween(expected.lastEventByUser.get(activeUser) / 1000.0,
                expected.streamTime / 1000.0);

        Http.Response quiet = Http.get(a.baseUrl() + "/api/users/" + quietUser + "/session");
        assertThat(quiet.status()).isEqualTo(404);
        assertThat(quiet.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode history = Http.get(a.baseUrl() + "/api/users/" + quietUser + "/sessions").json();
        assertThat(history.get("sessions").get(0).get("active").asBoolean()).isFalse();
    }

    @Test
    void theLiveFiguresAreMergedFromBothInstances() {
        for (ServiceInstance instance : List.of(a, b)) {
            JsonNode body = Http.get(instance.baseUrl() + "/api/sessions/active").json();
            assertThat(body.get("total_users").asLong()).isEqualTo(expected.sessionsByUser.size());
            assertThat(body.get("active_sessions").asLong()).isEqualTo(expected.activeSessions());
            assertThat(body.get("as_of").asDouble()).isEqualTo(expected.streamTime / 1000.0);
            assertThat(body.get("served_by").valueStream().map(JsonNode::asString).toList())
                    .containsExactlyInAnyOrder(a.hostAndPort(), b.hostAndPort());
        }
    }

    @Test
    void badParametersAndUnknownUsersAreProblems() {
        for (String path : List.of("/api/users/" + "x".repeat(200) + "/session", "/api/users/a%20b/sessions",
                "/api/users/user_1/sessions?limit=0", "/api/users/user_1/sessions?limit=21",
                "/api/users/user_1/sessions?limit=ten")) {
            Http.Response response = Http.get(a.baseUrl() + path);
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception", "at com.");
        }
        for (String path : List.of("/api/users/nobody/session", "/api/users/nobody/sessions")) {
            Http.Response response = Http.get(b.baseUrl() + path);
            assertThat(response.status()).as(path).isEqualTo(404);
            assertThat(response.json().get("status").asInt()).isEqualTo(404);
        }
    }

    /** Last: the census is not changelogged, so the instance taking over must rebuild it from the restored store. */
    @Test
    @Order(Integer.MAX_VALUE)
    void whenAnInstanceLeavesTheOtherRebuildsTheFiguresFromTheRestoredStore() {
        String userOfB = expected.sessionsByUser.keySet().stream().filter(user -> owner(user).equals(b.hostAndPort()))
                .findFirst().orElseThrow();
        b.close();
        b = null;

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(ownedPartitions(a)).isEqualTo(PARTITIONS);
            Http.Response response = Http.get(a.baseUrl() + "/api/sessions/active");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("total_users").asLong()).isEqualTo(expected.sessionsByUser.size());
            assertThat(body.get("active_sessions").asLong()).isEqualTo(expected.activeSessions());
            assertThat(body.get("served_by").valueStream().map(JsonNode::asString).toList())
                    .containsExactly(a.hostAndPort());
        });
        JsonNode sessions = Http.get(a.baseUrl() + "/api/users/" + userOfB + "/sessions").json();
        assertThat(sessions.get("served_by").asString()).isEqualTo(a.hostAndPort());
        assertThat(sessions.get("sessions")).hasSize(Math.min(10, expected.sessionsByUser.get(userOfB).size()));
    }

    /** Whatever the traffic made the instances count (actions, DLQ, late records) was a series from the start. */
    @Test
    void everyCounterTheTrafficIncrementedWasRegisteredAtStart() {
        ServiceInstance.assertCounterSeriesRegisteredAtStart(a, b);
    }

    @Test
    void badRecordsReachTheDlq() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                TopicRecords.readAll(bootstrap, Topics.ANALYTICS_DLQ.name())).hasSize((int) expected.bad));
    }

    private String owner(String user) {
        HostInfo host = a.streams().streams().orElseThrow()
                .queryMetadataForKey(UserAnalyticsTopology.SESSIONS_STORE, user, new StringSerializer()).activeHost();
        return host.host() + ":" + host.port();
    }

    private static int ownedPartitions(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }
}
