package com.example.analytics.trend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.Injection;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import com.example.analytics.trend.TrendServiceApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two trend-service instances on one real broker with 6-partition inputs, fed 30 minutes of generated traffic on
 * both topics (with a site-wide spike, bad and out-of-order records). Per trend key, the counts summed over the
 * last hour must equal the events the test counts itself: nothing lost or counted twice between the
 * per-partition pre-aggregation and the sum by trend key.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TrendScenario {

    private static final String APP_ID = "trend-scenario";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Map<String, String> SETTINGS = Map.of("spring.application.name", "trend-service");

    private String bootstrap;
    private ServiceInstance a;
    private ServiceInstance b;
    private final Map<String, Long> expected = new HashMap<>();
    /** The injected spikes of shares, each with the time its 251st share makes it a spike. */
    private List<Injection> spikes;

    protected abstract String bootstrapServers();

    @BeforeAll
    void startTwoInstancesAndProduce() {
        bootstrap = bootstrapServers();
        a = ServiceInstance.start(TrendServiceApplication.class, bootstrap, APP_ID, SETTINGS);
        b = ServiceInstance.start(TrendServiceApplication.class, bootstrap, APP_ID, SETTINGS);
        await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                && activeTasks(a) > 0 && activeTasks(b) > 0);

        GeneratorConfig config = GeneratorConfig.builder().seed(21).users(2_000).products(300).events(36_000)
                .eventsPerSecond(20).start(Instant.now().minus(Duration.ofHours(4)))
                .scenarios(EnumSet.of(Scenario.SITE_SPIKE, Scenario.OUT_OF_ORDER, Scenario.BAD_RECORDS)).build();
        LoadGenerator generator = new LoadGenerator(config);
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            generator.stream().forEach(record -> {
                sink.send(record);
                count(record);
            });
            sink.flush();
        }
        spikes = generator.report().injections(Scenario.SITE_SPIKE);
        assertThat(spikes).hasSizeGreaterThan(1);
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
    void perKeyTotalsEqualTheGeneratedEvents() {
        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Long> actual = new HashMap<>();
            for (String key : expected.keySet()) {
                Http.Response response = Http.get(a.baseUrl() + "/api/trends/" + key);
                assertThat(response.status()).as(key + ": " + response.body()).isEqualTo(200);
                long total = 0;
                for (JsonNode minute : response.json().get("per_minute")) {
                    total += minute.get("events").asLong();
                }
                actual.put(key, total);
            }
            assertThat(actual).isEqualTo(expected);
        });
    }

    @Test
    void allTrendsAreMergedFromBothInstances() {
        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(b.baseUrl() + "/api/trends");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("served_by")).hasSize(2);
            assertThat(response.json().get("trends")).hasSize(expected.size());
            assertThat(response.json().get("as_of").asDouble()).isPositive();
        });
        assertThat(Http.get(b.baseUrl() + "/api/trends/user_no_such_type").status()).isEqualTo(404);
        assertThat(Http.get(b.baseUrl() + "/api/trends/bad%20key").status()).isEqualTo(400);
    }

    /**
     * The whole stream is caught up at once, so source tasks run far apart in event time. Each spike is reported
     * once, during the spike: at its trigger second when every partition's counts were in before that second was
     * judged, later when a partition caught up after it (its counts are then judged on arrival).
     */
    /** Whatever the traffic made the instances count (actions, DLQ, late records) was a series from the start. */
    @Test
    void everyCounterTheTrafficIncrementedWasRegisteredAtStart() {
        ServiceInstance.assertCounterSeriesRegisteredAtStart(a, b);
    }

    @Test
    void eachInjectedSpikeOfSharesIsReportedOnceWhileItLasts() {
        await().atMost(WAIT).untilAsserted(() -> {
            List<Action> shareSpikes = TopicRecords.readAll(bootstrap, Topics.REAL_TIME_ACTIONS.name()).stream()
                    .map(record -> Json.mapper().readValue(record.value(), Action.class))
                    .filter(action -> action.subject().equals("user_share")).toList();
            assertThat(shareSpikes).hasSameSizeAs(spikes).extracting(Action::actionId).doesNotHaveDuplicates();
            for (Injection spike : spikes) {
                long trigger = Math.floorDiv(((Number) spike.details().get("trigger_time_ms")).longValue(), 1000);
                long end = Math.floorDiv(spike.toMillis(), 1000);
                assertThat(shareSpikes).as("spike triggered at " + trigger)
                        .filteredOn(action -> action.timestamp() >= trigger && action.timestamp() <= end)
                        .singleElement().satisfies(action -> {
                            assertThat(action.actionType()).isEqualTo("event_spike");
                            assertThat(((Number) action.data().get("window_events")).longValue()).isGreaterThan(250);
                        });
            }
        });
    }

    private void count(GeneratedRecord record) {
        if (!record.isBad()) {
            String prefix = record.topic().equals(Topics.USER_EVENTS.name()) ? "user_" : "product_";
            expected.merge(prefix + record.event().eventType(), 1L, Long::sum);
        }
    }

    private static int activeTasks(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }
}
