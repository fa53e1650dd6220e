package com.example.analytics.support.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.net.FreePorts;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import com.example.analytics.support.testapp.CountingApplication;
import com.example.analytics.support.testapp.CountingTopology;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * What a client can reach. With {@code analytics.streams.internal-port}, instances route to each other over that
 * port only: a key owned by the other instance is still answered through the API port, the routing endpoints are
 * not on the API port, and the internal port serves nothing but them (neither API docs nor Swagger UI). Of the
 * actuator, only health, info and prometheus are exposed.
 */
@KafkaBrokerTest
class EndpointExposureOnEmbeddedKafkaTest {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @Test
    void routingUsesTheInternalPortAndTheApiPortDoesNotServeIt() {
        String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        int internalA = FreePorts.find();
        int internalB = FreePorts.find();
        try (ServiceInstance a = start(bootstrap, internalA); ServiceInstance b = start(bootstrap, internalB)) {
            await().atMost(WAIT).until(() -> a.streams().isReady() && b.streams().isReady()
                    && activeTasks(a) > 0 && activeTasks(b) > 0);
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            List<GoodEvents.Event> events = new ArrayList<>();
            Instant start = Instant.now().minus(Duration.ofHours(1));
            for (int n = 0; n < 400; n++) {
                GoodEvents.Event event = GoodEvents.event(Topics.USER_EVENTS.name(), n, start.plusMillis(10L * n));
                events.add(event);
                records.add(new ProducerRecord<>(event.topic(), event.key(), event.value()));
            }
            TopicRecords.produce(bootstrap, records);
            Map<String, Long> counts = events.stream()
                    .collect(Collectors.groupingBy(GoodEvents.Event::id, Collectors.counting()));
            HostInfo bInternal = new HostInfo("localhost", internalB);
            String keyOfB = counts.keySet().stream().filter(key -> key.matches("user_\\d+"))
                    .filter(key -> owner(a, key).equals(bInternal)).findFirst().orElseThrow();

            await().atMost(WAIT).untilAsserted(() -> {
                Http.Response response = Http.get(a.baseUrl() + "/api/counts/" + keyOfB);
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("count").asLong()).isEqualTo(counts.get(keyOfB));
                assertThat(response.json().get("served_by").asString()).isEqualTo("localhost:" + internalB);
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(Http.get(a.baseUrl() + "/api/counts").json()
                    .get("events").asLong()).as("merged over both instances").isEqualTo(events.size()));

            assertNotFoundProblem(Http.get(a.baseUrl() + "/internal/stats"));
            assertNotFoundProblem(Http.get(a.baseUrl() + "/internal/key/count?key=" + keyOfB));
            assertNotFoundProblem(Http.get("http://localhost:" + internalA + "/api/counts"));
            assertNotFoundProblem(Http.get("http://localhost:" + internalA + "/actuator/health"));
            assertNotFoundProblem(Http.get("http://localhost:" + internalA + "/v3/api-docs"));
            assertNotFoundProblem(Http.get("http://localhost:" + internalA + "/swagger-ui/index.html"));
            assertThat(Http.get(a.baseUrl() + "/v3/api-docs").status()).isEqualTo(200);
            assertThat(Http.get(a.baseUrl() + "/swagger-ui/index.html").status()).isEqualTo(200);
            assertThat(Http.get("http://localhost:" + internalA + "/internal/stats").status()).isEqualTo(200);
            assertThat(Http.get(a.baseUrl() + "/actuator/health/readiness").status()).isEqualTo(200);

            Http.Response actuator = Http.get(a.baseUrl() + "/actuator");
            assertThat(actuator.json().get("_links").propertyNames()).filteredOn(name -> !name.startsWith("health"))
                    .containsExactlyInAnyOrder("self", "info", "prometheus");
            for (String hidden : List.of("env", "beans", "configprops", "heapdump", "threaddump", "loggers",
                    "mappings", "shutdown", "metrics")) {
                assertNotFoundProblem(Http.get(a.baseUrl() + "/actuator/" + hidden));
            }
        }
    }

    private static ServiceInstance start(String bootstrap, int internalPort) {
        return ServiceInstance.start(CountingApplication.class, bootstrap, "internal-port-test", Map.of(
                "spring.application.name", "streams-support-test",
                "analytics.streams.internal-port", Integer.toString(internalPort)));
    }

    private static void assertNotFoundProblem(Http.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(404);
        assertThat(response.contentType()).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static HostInfo owner(ServiceInstance instance, String key) {
        return instance.streams().streams().orElseThrow()
                .queryMetadataForKey(CountingTopology.STORE, key, new StringSerializer()).activeHost();
    }

    private static int activeTasks(ServiceInstance instance) {
        return instance.streams().streams().map(streams -> streams.metadataForLocalThreads().stream()
                .mapToInt(thread -> thread.activeTasks().size()).sum()).orElse(0);
    }
}
