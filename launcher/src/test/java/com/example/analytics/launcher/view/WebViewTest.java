package com.example.analytics.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.example.analytics.launcher.KraftBroker;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.topics.Topics;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The web view's server without a browser or services: the page and its assets, and a sample stream whose
 * events/s come from a real broker. The charts themselves are checked in Chromium by {@code WebViewBrowserTest}.
 */
class WebViewTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesThePageItsAssetsAndSamplesThatCountArrivingEvents(@TempDir Path dataDir) throws Exception {
        try (KraftBroker broker = KraftBroker.start(0, dataDir)) {
            Map<String, Object> kafka = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
            try (Admin admin = Admin.create(kafka)) {
                TopicAdmin.createMissing(admin, List.of(Topics.USER_EVENTS, Topics.PRODUCT_EVENTS), 2,
                        Optional.empty(), Duration.ofSeconds(30));
            }
            try (PlatformSampler sampler = new PlatformSampler(Map.of(), kafka); WebView view = WebView.bind(0)) {
                sampler.start();
                view.start(sampler);

                assertThat(get(view.address())).satisfies(page -> {
                    assertThat(page.statusCode()).isEqualTo(200);
                    assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
                    assertThat(page.body()).contains("<script src=\"view.js\"", "href=\"view.css\"");
                });
                assertThat(get(view.address().resolve("view.js")).headers().firstValue("Content-Type"))
                        .hasValue("text/javascript; charset=utf-8");
                assertThat(get(view.address().resolve("view.css")).statusCode()).isEqualTo(200);
                assertThat(get(view.address().resolve("index.html")).statusCode()).isEqualTo(404);
                assertThat(get(view.address().resolve("web/view.js")).statusCode()).isEqualTo(404);

                // The first reading is the baseline the rates are measured from.
                await().atMost(Duration.ofSeconds(30)).until(() -> sampler.latest().isPresent());
                produce(broker.bootstrapServers(), 500);

                JsonNode sample = assertTimeoutPreemptively(Duration.ofSeconds(30),
                        () -> firstSampleWith(view.address().resolve("samples"), "user_events"));
                assertThat(sample.path("events_per_second").path("user_events").asDouble()).isPositive();
                assertThat(sample.path("events_per_second").path("product_events").asDouble()).isZero();
                assertThat(sample.has("top_products")).as("no service answered, so no figure").isFalse();
            }
        }
    }

    @Test
    void aPortInUseIsReportedWithTheOption() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            assertThatThrownBy(() -> WebView.bind(taken.getLocalPort()))
                    .hasMessageStartingWith("--ui-port " + taken.getLocalPort() + ": ")
                    .hasMessageContaining("--no-ui");
        }
    }

    private HttpResponse<String> get(URI uri) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads the event stream, recent samples first, until one has a positive rate for the topic. */
    private JsonNode firstSampleWith(URI samples, String topic) throws Exception {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(samples).build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (Stream<String> lines = response.body()) {
            return lines.filter(line -> line.startsWith("data: "))
                    .map(line -> Json.mapper().readTree(line.substring("data: ".length())))
                    .filter(sample -> sample.path("events_per_second").path(topic).asDouble() > 0)
                    .findFirst().orElseThrow();
        }
    }

    private static void produce(String bootstrapServers, int records) {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(), "user_" + i, "{}"));
            }
        }
    }
}
