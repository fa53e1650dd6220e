package com.example.analytics.support.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.net.FreePorts;
import com.example.analytics.support.streams.DeadLetters;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import com.example.analytics.support.testapp.CountingApplication;
import com.example.analytics.support.testapp.CountingTopology;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyQueryMetadata;
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
 * Two instances of a counting service on one real broker: keys owned by the other instance are proxied,
 * global queries merge both, bad records reach the DLQ, and while a third instance joins (forcing a rebalance)
 * every answer is correct, or marked stale by the standby that gave it, or a 503 with Retry-After.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class RoutingScenario {

    private static final String APP_ID = "routing-test";
    private static final int USERS = 60;
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Map<String, String> NAME = Map.of("spring.application.name", "streams-support-test",
            "analytics.streams.num-standby-replicas", "1");

    private String bootstrap;
    private ServiceInstance a;
    private ServiceInstance b;
    private final Map<String, Long> expected = new ConcurrentHashMap<>();

    /** The broker this run of the scenario uses. */
    protected abstract String bootstrapServers();

    @BeforeAll
    void startTwoInstancesAndProduce() {
        bootstrap = bootstrapServers();
        a = ServiceInstance.start(CountingApplication.class, bootstrap, APP_ID, NAME);
        b = ServiceInstance.start(CountingApplication.class, bootstrap, APP_ID, NAME);
        await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                && ownedPartitions(a) + ownedPartitions(b) == 6 && ownedPartitions(a) > 0 && ownedPartitions(b) > 0);

        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        for (int user = 0; user < USERS; user++) {
            for (int n = 0; n <= user; n++) {
                // Event time only moves forward, so no record is late.
                records.add(event("user_" + user, 1732450000 + records.size() / 100.0));
            }
            expected.put("user_" + user, (long) user + 1);
        }
        TopicRecords.produce(bootstrap, records);
        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response totals = Http.get(a.baseUrl() + "/api/counts");
            assertThat(totals.status()).as(totals.body()).isEqualTo(200);
            assertThat(totals.json().get("events").asLong()).isEqualTo(records.size());
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
    @Order(1)
    void aKeyOwnedByTheOtherInstanceIsProxiedAndSaysWhoServedIt() {
        String keyOfB = expected.keySet().stream().filter(key -> owner(a, key).equals(hostInfo(b))).findFirst()
                .orElseThrow();

        Http.Response response = Http.get(a.baseUrl() + "/api/counts/" + keyOfB);

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.json();
        assertThat(body.get("count").asLong()).isEqualTo(expected.get(keyOfB));
        assertThat(body.get("user_id").asString()).isEqualTo(keyOfB);
        assertThat(body.get("served_by").asString()).isEqualTo(b.hostAndPort());
        assertThat(body.get("stale").asBoolean()).isFalse();
        assertThat(body.get("as_of").asDouble()).isGreaterThanOrEqualTo(1732450000);
    }

    @Test
    @Order(2)
    void aLocalKeyIsServedLocallyAndEveryKeyIsCorrectOnBothInstances() {
        for (var entry : expected.entrySet()) {
            for (ServiceInstance instance : List.of(a, b)) {
                JsonNode body = Http.get(instance.baseUrl() + "/api/counts/" + entry.getKey()).json();
                assertThat(body.get("count").asLong()).as(entry.getKey()).isEqualTo(entry.getValue());
                String owner = owner(a, entry.getKey()).equals(hostInfo(a)) ? a.hostAndPort() : b.hostAndPort();
                assertThat(body.get("served_by").asString()).isEqualTo(owner);
            }
        }
    }

    @Test
    @Order(3)
    void aGlobalQueryMergesBothInstances() {
        JsonNode body = Http.get(b.baseUrl() + "/api/counts?limit=3").json();

        assertThat(body.get("users").asLong()).isEqualTo(USERS);
        assertThat(body.get("events").asLong()).isEqualTo(USERS * (USERS + 1) / 2);
        assertThat(body.get("top").findValuesAsString("user_id")).containsExactly("user_59", "user_58", "user_57");
        assertThat(body.get("served_by").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder(a.hostAndPort(), b.hostAndPort());
    }

    @Test
    @Order(4)
    void unknownKeysAndBadParametersAreProblems() {
        Http.Response unknown = Http.get(a.baseUrl() + "/api/counts/nobody");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(unknown.json().get("status").asInt()).isEqualTo(404);

        Http.Response badLimit = Http.get(a.baseUrl() + "/api/counts?limit=0");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("detail").asString()).contains("limit");

        Http.Response badId = Http.get(a.baseUrl() + "/api/counts/" + "x".repeat(200));
        assertThat(badId.status()).isEqualTo(400);
        assertThat(badId.body()).doesNotContain("Exception", "at com.");
    }

    @Test
    @Order(5)
    void aPoisonRecordLandsInTheDlqWithHeadersAndTheNextRecordIsProcessed() {
        byte[] poison = "{\"user_id\":\"user_0\",\"timestamp\":\"soon\"".getBytes(StandardCharsets.UTF_8);
        TopicRecords.produce(bootstrap, List.of(
                new ProducerRecord<>(Topics.USER_EVENTS.name(), bytes("user_0"), poison),
                event("user_0", 1732450100.0)));
        expected.put("user_0", 2L);

        await().atMost(WAIT).until(() -> Http.get(a.baseUrl() + "/api/counts/user_0").json().get("count").asLong() == 2);
        // Stores show a transaction's writes before it commits; the DLQ record becomes visible at commit.
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                TopicRecords.readAll(bootstrap, Topics.ANALYTICS_DLQ.name())).singleElement().satisfies(record -> {
            assertThat(record.value()).isEqualTo(poison);
            assertThat(record.key()).isEqualTo(bytes("user_0"));
            assertThat(DeadLetters.text(record.headers(), DeadLetters.SERVICE)).isEqualTo("streams-support-test");
            assertThat(DeadLetters.text(record.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("user_events");
            assertThat(DeadLetters.text(record.headers(), DeadLetters.ERROR_REASON)).isEqualTo("WRONG_TYPE");
            assertThat(DeadLetters.text(record.headers(), DeadLetters.SOURCE_OFFSET)).isNotNull();
        }));
        Http.Response stats = Http.get(b.baseUrl() + "/api/stats");
        assertThat(stats.json().get("dead_lettered_records").asLong()).isEqualTo(1);
    }

    @Test
    @Order(6)
    void probesAndMetricsAreExposedAndNothingElse() {
        assertThat(Http.get(a.baseUrl() + "/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
        assertThat(Http.get(a.baseUrl() + "/actuator/health/liveness").json().get("status").asString()).isEqualTo("UP");
        // The DLQ counter lives on whichever instance owned the poisoned partition.
        String metrics = Http.get(a.baseUrl() + "/actuator/prometheus").body()
                + Http.get(b.baseUrl() + "/actuator/prometheus").body();
        assertThat(metrics).contains("analytics_dlq_records_total{reason=\"WRONG_TYPE\"", "kafka_stream_");
        // Proxied keys were timed by URI template, not one series per key.
        assertThat(metrics).containsPattern("http_client_requests_seconds_count\\{[^}]*uri=\"/internal/key/\\{query}");
        assertThat(metrics).doesNotContain("uri=\"/internal/key/count?key=user_");
        for (String hidden : List.of("/actuator/env", "/actuator/beans", "/actuator/configprops", "/actuator/heapdump")) {
            assertThat(Http.get(a.baseUrl() + hidden).status()).as(hidden).isEqualTo(404);
        }
        JsonNode instances = Http.get(a.baseUrl() + "/api/instances").json();
        assertThat(instances.get("instances")).hasSize(2);
        assertThat(instances.get("ready").asBoolean()).isTrue();
    }

    @Test
    @Order(7)
    void whileAThirdInstanceJoinsEveryAnswerIsCorrectOrStaleOrA503WithRetryAfter() throws Exception {
        int portOfC = FreePorts.find();
        CompletableFuture<ServiceInstance> c = CompletableFuture.supplyAsync(() -> ServiceInstance.start(
                CountingApplication.class, bootstrap, APP_ID,
                Map.of("server.port", Integer.toString(portOfC), "spring.application.name", "streams-support-test",
                        "analytics.streams.num-standby-replicas", "1")));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> wrong = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> urls = List.of(a.baseUrl(), b.baseUrl(), "http://localhost:" + portOfC);
        long total = USERS * (USERS + 1) / 2 + 1;
        try {
            long deadline = System.nanoTime() + WAIT.toNanos();
            boolean settled = false;
            while (!settled && System.nanoTime() < deadline) {
                for (String url : urls) {
                    for (String key : List.of("user_0", "user_17", "user_42", "user_59")) {
                        check(url + "/api/counts/" + key, statuses, wrong, stale, "count", expected.get(key));
                    }
                    check(url + "/api/counts", statuses, wrong, stale, "events", total);
                }
                settled = c.isDone() && c.get().streams().isReady() && a.streams().isReady() && b.streams().isReady()
                        && ownedPartitions(a) + ownedPartitions(b) + ownedPartitions(c.get()) == 6
                        && ownedPartitions(c.get()) > 0;
            }
            assertThat(settled).as("the three instances settled").isTrue();
            assertThat(wrong).as("answers served as fresh but wrong, or stale beyond the truth "
                    + "(stale answers seen: " + stale.size() + ")").isEmpty();
            assertThat(statuses.keySet()).as("statuses seen: " + statuses).containsAnyOf(200)
                    .allSatisfy(status -> assertThat(status).isIn(200, 503, -1));
            assertThat(statuses).containsKey(503);
            for (String url : urls) {
                JsonNode body = Http.get(url + "/api/counts").json();
                assertThat(body.get("events").asLong()).isEqualTo(total);
                assertThat(body.get("served_by")).hasSize(3);
            }
        } finally {
            c.get().close();
        }
    }

    @Test
    @Order(8)
    void whenTheOwnerCannotBeReachedTheStandbyAnswersAndSaysItIsStale() {
        await().atMost(WAIT).until(() -> standbyPartitions(a) > 0);
        String keyOfB = expected.keySet().stream()
                .filter(key -> owner(a, key).equals(hostInfo(b)) && standbys(a, key).contains(hostInfo(a)))
                .findFirst().orElseThrow();
        b.stopWebServer();

        await().atMost(WAIT).untilAsserted(() -> {
            Http.Response response = Http.get(a.baseUrl() + "/api/counts/" + keyOfB);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            JsonNode body = response.json();
            assertThat(body.get("stale").asBoolean()).isTrue();
            assertThat(body.get("served_by").asString()).isEqualTo(a.hostAndPort());
            assertThat(body.get("count").asLong()).isEqualTo(expected.get(keyOfB));
        });
    }

    /**
     * A fresh answer must be exact. A standby may answer while the active is moving (DESIGN.md section 5) and says
     * so with {@code stale: true}; its count may lag behind but can never exceed the truth, since counts only grow.
     */
    private void check(String url, Map<Integer, AtomicInteger> statuses, List<String> wrong, List<String> stale,
                       String field, long truth) {
        Http.Response response;
        try {
            response = Http.get(url);
        } catch (IllegalStateException notListeningYet) {
            statuses.computeIfAbsent(-1, s -> new AtomicInteger()).incrementAndGet();
            return;
        }
        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger()).incrementAndGet();
        if (response.status() == 200) {
            JsonNode body = response.json();
            long value = body.get(field).asLong();
            boolean isStale = body.get("stale").asBoolean();
            if (isStale) {
                stale.add(url + " -> " + response.body());
            }
            if (isStale ? value > truth : value != truth) {
                wrong.add(url + " -> " + response.body());
            }
        }
        if (response.status() == 503) {
            assertThat(response.retryAfter()).as("Retry-After on " + url).isPresent();
            assertThat(response.contentType()).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
    }

    private static int ownedPartitions(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }

    private static int standbyPartitions(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.standbyTasks().size()).sum()).orElse(0);
    }

    private static java.util.Set<HostInfo> standbys(ServiceInstance via, String key) {
        return via.streams().streams().orElseThrow()
                .queryMetadataForKey(CountingTopology.STORE, key, new StringSerializer()).standbyHosts();
    }

    private static HostInfo owner(ServiceInstance via, String key) {
        KeyQueryMetadata metadata = via.streams().streams().orElseThrow()
                .queryMetadataForKey(CountingTopology.STORE, key, new StringSerializer());
        return metadata.activeHost();
    }

    private static HostInfo hostInfo(ServiceInstance instance) {
        return new HostInfo("localhost", instance.port());
    }

    private static ProducerRecord<byte[], byte[]> event(String user, double timestamp) {
        String json = "{\"user_id\":\"" + user + "\",\"event_type\":\"page_view\",\"timestamp\":" + timestamp + "}";
        return new ProducerRecord<>(Topics.USER_EVENTS.name(), bytes(user), bytes(json));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
