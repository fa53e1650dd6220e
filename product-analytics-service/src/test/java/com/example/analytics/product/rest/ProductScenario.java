package com.example.analytics.product.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.Action;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.product.streams.ProductTopology;
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
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

/**
 * Two product-analytics instances on one real broker, fed by the load generator. Everything expected is computed
 * here from the generated events: the traffic spans less than the trending window, so a product's hourly views are
 * all its valid views, and a product trends exactly once, at its 101st view.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ProductScenario {

    private static final String APP_ID = "product-scenario";
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final Map<String, String> SETTINGS = Map.of("spring.application.name", "product-analytics-service");

    private String bootstrap;
    private ServiceInstance a;
    private ServiceInstance b;
    private final Map<String, Long> views = new HashMap<>();
    private final Map<String, Set<String>> viewers = new HashMap<>();

    protected abstract String bootstrapServers();

    @BeforeAll
    void startTwoInstancesAndProduce() {
        bootstrap = bootstrapServers();
        a = ServiceInstance.start(ProductAnalyticsApplication.class, bootstrap, APP_ID, SETTINGS);
        b = ServiceInstance.start(ProductAnalyticsApplication.class, bootstrap, APP_ID, SETTINGS);
        await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                && activeTasks(a) > 0 && activeTasks(b) > 0);

        // 30k records at 20/s of event time: 25 minutes, inside the one-hour trending window, time for a viral product.
        GeneratorConfig config = GeneratorConfig.builder().seed(3).users(3_000).products(400).events(30_000)
                .eventsPerSecond(20).start(Instant.now().minus(Duration.ofHours(2)))
                .scenarios(EnumSet.of(Scenario.VIRAL_PRODUCT, Scenario.BAD_RECORDS)).badFraction(0.01).build();
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            // This service reads product events only; its topics are the ones it created at start.
            new LoadGenerator(config).stream()
                    .filter(record -> record.topic().equals(Topics.PRODUCT_EVENTS.name())).forEach(record -> {
                        sink.send(record);
                        expect(record);
                    });
            sink.flush();
        }
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
    void theTop10MergedAcrossInstancesIsTheTop10OfTheGeneratedViews() {
        List<Map.Entry<String, Long>> expectedTop = views.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).toList();

        await().atMost(WAIT).untilAsserted(() -> {
            for (ServiceInstance instance : List.of(a, b)) {
                Http.Response response = Http.get(instance.baseUrl() + "/api/products/top?limit=10");
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                List<Map.Entry<String, Long>> top = new ArrayList<>();
                response.json().get("top_products_hourly").forEach(entry -> top.add(Map.entry(
                        entry.get("product_id").asString(), entry.get("hourly_views").asLong())));
                assertThat(top).isEqualTo(expectedTop);
                assertThat(response.json().get("served_by")).hasSize(2);
            }
        });
        assertThat(expectedTop.get(0).getValue()).isGreaterThan(100);
    }

    @Test
    void theNumberOfViewedProductsIsSummedAcrossInstances() {
        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(b.baseUrl() + "/api/products/count");
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.json().get("total_products_viewed").asLong()).isEqualTo(views.size());
        });
    }

    @Test
    void aProductOwnedByTheOtherInstanceIsProxiedWithExactMetrics() {
        String productOfB = views.keySet().stream().sorted().filter(product -> owner(product).equals(hostInfo(b)))
                .findFirst().orElseThrow();

        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(a.baseUrl() + "/api/products/" + productOfB);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("served_by").asString()).isEqualTo(b.hostAndPort());
            assertThat(body.get("total_views").asLong()).isEqualTo(views.get(productOfB));
            assertThat(body.get("views_last_hour").asLong()).isEqualTo(views.get(productOfB));
            assertThat(body.get("unique_users").asLong()).isEqualTo(viewers.get(productOfB).size());
            assertThat(body.get("as_of").asDouble()).isPositive();
        });
    }

    @Test
    void everyProductPastItsHundredthViewTrendsExactlyOnce() {
        Set<String> expected = views.entrySet().stream().filter(entry -> entry.getValue() > 100)
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(expected).contains("product_viral_0");

        await().atMost(WAIT).untilAsserted(() -> {
            List<Action> trending = TopicRecords.readAll(bootstrap, Topics.REAL_TIME_ACTIONS.name()).stream()
                    .map(record -> Json.mapper().readValue(record.value(), Action.class))
                    .filter(action -> action.actionType().equals("trending_product")).toList();
            assertThat(trending).extracting(Action::subject).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(trending).allSatisfy(action ->
                    assertThat(((Number) action.data().get("hourly_views")).longValue()).isEqualTo(101));
        });
    }

    /** Whatever the traffic made the instances count (actions, DLQ, late records) was a series from the start. */
    @Test
    void everyCounterTheTrafficIncrementedWasRegisteredAtStart() {
        ServiceInstance.assertCounterSeriesRegisteredAtStart(a, b);
    }

    @Test
    void badParametersAndUnknownProductsAreProblems() {
        assertThat(Http.get(a.baseUrl() + "/api/products/top?limit=0").status()).isEqualTo(400);
        assertThat(Http.get(a.baseUrl() + "/api/products/top?limit=1001").status()).isEqualTo(400);
        Http.Response notANumber = Http.get(a.baseUrl() + "/api/products/top?limit=ten");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).hasValueSatisfying(type -> assertThat(type)
                .startsWith("application/problem+json"));
        await().atMost(WAIT).until(() -> Http.get(a.baseUrl() + "/api/products/count").status() == 200);
        assertThat(Http.get(a.baseUrl() + "/api/products/no_such_product").status()).isEqualTo(404);
        assertThat(Http.get(a.baseUrl() + "/api/stores/s1/sales?from=10&to=5").status()).isEqualTo(400);
    }

    private void expect(GeneratedRecord record) {
        if (record.isBad() || !(record.event() instanceof ProductEvent event)
                || !event.eventType().equals("product_view")) {
            return;
        }
        views.merge(event.productId(), 1L, Long::sum);
        event.dataText("user_id").ifPresent(user ->
                viewers.computeIfAbsent(event.productId(), p -> new java.util.HashSet<>()).add(user));
    }

    private HostInfo owner(String productId) {
        return a.streams().streams().orElseThrow()
                .queryMetadataForKey(ProductTopology.PRODUCTS_STORE, productId, new StringSerializer()).activeHost();
    }

    private static HostInfo hostInfo(ServiceInstance instance) {
        return new HostInfo("localhost", instance.port());
    }

    private static int activeTasks(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }

}
