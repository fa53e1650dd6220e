package com.example.analytics.fraud.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.fraud.FraudServiceDefinition;
import com.example.analytics.fraud.streams.FraudTopology;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.Injection;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two fraud-service instances on one real broker, fed generated traffic with every fraud scenario, bad, late and
 * out-of-order records. What must be detected comes from the generator's report (who, which rule, when), not from
 * the rules' code: exactly those alerts, once each, and nothing for the normal users.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FraudScenario {

    private static final String APP_ID = "fraud-scenario";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Map<Scenario, String> RULES = Map.of(Scenario.BOT_BURST, "excessive_activity",
            Scenario.IMPOSSIBLE_TRAVEL, "impossible_travel", Scenario.SUSPICIOUS_LOGIN, "suspicious_login_transaction");

    private String bootstrap;
    private ServiceInstance a;
    private ServiceInstance b;
    private final Set<String> expectedActionIds = new TreeSet<>();

    protected abstract String bootstrapServers();

    /** Where both instances keep their state, when not where the service keeps it by default. */
    protected Optional<StateStores> stateStores() {
        return Optional.empty();
    }

    @BeforeAll
    void startTwoInstancesAndProduce() {
        bootstrap = bootstrapServers();
        Map<String, String> settings = new HashMap<>(Map.of("spring.application.name", "fraud-service"));
        stateStores().ifPresent(kind -> settings.put("analytics.streams.state-stores", kind.propertyValue()));
        a = ServiceInstance.start(FraudServiceApplication.class, bootstrap, APP_ID, settings);
        b = ServiceInstance.start(FraudServiceApplication.class, bootstrap, APP_ID, settings);
        await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                && activeTasks(a) > 0 && activeTasks(b) > 0);

        // 40 minutes of event time: three rounds of scenarios, each round with subjects of its own.
        GeneratorConfig config = GeneratorConfig.builder().seed(8).users(2_000).products(200).events(72_000)
                .eventsPerSecond(30).start(Instant.now().minus(Duration.ofHours(3)))
                .scenarios(EnumSet.of(Scenario.BOT_BURST, Scenario.IMPOSSIBLE_TRAVEL, Scenario.SUSPICIOUS_LOGIN,
                        Scenario.OUT_OF_ORDER, Scenario.LATE, Scenario.BAD_RECORDS)).build();
        LoadGenerator generator = new LoadGenerator(config);
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            generator.stream().filter(record -> record.topic().equals(Topics.USER_EVENTS.name()))
                    .forEach(sink::send);
            sink.flush();
        }
        InjectionReport report = generator.report();
        for (var rule : RULES.entrySet()) {
            for (Injection injection : report.injections(rule.getKey())) {
                expectedActionIds.add("fraud:" + rule.getValue() + ":" + injection.subject() + ":"
                        + injection.details().get("trigger_time_ms"));
            }
        }
        assertThat(expectedActionIds).hasSizeGreaterThanOrEqualTo(6);
    }

    @AfterAll
    void stop() {
        for (ServiceInstance instance : new ServiceInstance[] {b, a}) {
            if (instance != null) {
                instance.close();
            }
        }
    }

    @Test
    void bothInstancesKeepTheirStateWhereTheyWereTold() {
        for (ServiceInstance instance : List.of(a, b)) {
            assertThat(instance.bean(TopologyEnvironment.class).stateStores())
                    .isEqualTo(stateStores().orElse(new FraudServiceDefinition().stateStores()));
        }
    }

    @Test
    void exactlyTheInjectedFraudIsAlertedOnceEach() {
        await().atMost(WAIT).untilAsserted(() -> assertThat(actionIds()).containsAll(expectedActionIds));
        List<String> ids = actionIds();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(ids)).isEqualTo(expectedActionIds);
    }

    @Test
    void recentAlertsMergeBothInstancesNewestFirst() {
        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(a.baseUrl() + "/api/fraud/alerts?limit=100");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            List<String> ids = new ArrayList<>();
            List<Double> times = new ArrayList<>();
            response.json().get("alerts").forEach(alert -> {
                ids.add(alert.get("action_id").asString());
                times.add(alert.get("timestamp").asDouble());
            });
            assertThat(new TreeSet<>(ids)).isEqualTo(expectedActionIds);
            assertThat(times).isSortedAccordingTo((x, y) -> Double.compare(y, x));
        });
        Http.Response travel = Http.get(b.baseUrl() + "/api/fraud/alerts?limit=100&rule=impossible_travel");
        travel.json().get("alerts").forEach(alert ->
                assertThat(alert.get("rule").asString()).isEqualTo("impossible_travel"));
        assertThat(Http.get(b.baseUrl() + "/api/fraud/alerts?rule=no_such_rule").status()).isEqualTo(400);
        assertThat(Http.get(b.baseUrl() + "/api/fraud/alerts?limit=0").status()).isEqualTo(400);
    }

    /** Whatever the traffic made the instances count (actions, DLQ, late records) was a series from the start. */
    @Test
    void everyCounterTheTrafficIncrementedWasRegisteredAtStart() {
        ServiceInstance.assertCounterSeriesRegisteredAtStart(a, b);
    }

    @Test
    void aUserOwnedByTheOtherInstanceIsProxiedWithItsAlerts() {
        String bot = expectedActionIds.stream().filter(id -> id.startsWith("fraud:excessive_activity:"))
                .map(id -> id.split(":")[2]).filter(user -> owner(user).equals(hostInfo(b))).findFirst()
                .orElseGet(() -> expectedActionIds.stream().filter(id -> id.startsWith("fraud:excessive_activity:"))
                        .map(id -> id.split(":")[2]).findFirst().orElseThrow());
        ServiceInstance other = owner(bot).equals(hostInfo(b)) ? a : b;
        ServiceInstance ownerInstance = other == a ? b : a;

        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(other.baseUrl() + "/api/fraud/users/" + bot);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("served_by").asString()).isEqualTo(ownerInstance.hostAndPort());
            assertThat(body.get("recent_alerts")).singleElement()
                    .satisfies(alert -> assertThat(alert.get("rule").asString()).isEqualTo("excessive_activity"));
            assertThat(body.get("rules").has("impossible_travel")).isTrue();
        });
        assertThat(Http.get(other.baseUrl() + "/api/fraud/users/bad%20id").status()).isEqualTo(400);
    }

    private List<String> actionIds() {
        return TopicRecords.readAll(bootstrap, Topics.REAL_TIME_ACTIONS.name()).stream()
                .map(record -> Json.mapper().readValue(record.value(), Action.class).actionId()).toList();
    }

    private HostInfo owner(String userId) {
        return a.streams().streams().orElseThrow()
                .queryMetadataForKey(FraudTopology.USERS_STORE, userId, new StringSerializer()).activeHost();
    }

    private static HostInfo hostInfo(ServiceInstance instance) {
        return new HostInfo("localhost", instance.port());
    }

    private static int activeTasks(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }
}
