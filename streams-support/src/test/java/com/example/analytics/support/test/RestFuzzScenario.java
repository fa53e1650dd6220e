package com.example.analytics.support.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.model.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzes one running service's HTTP surface: generated methods, paths built from its endpoints with hostile ids
 * (unicode, 10,000 characters, {@code %00}, {@code ../}, encoded slashes), hostile query parameters. Whatever
 * arrives, the answer is 2xx or 4xx; every error is {@code application/problem+json} with its status; no answer
 * carries a stack trace or a class name; answers stay small; limits stay capped.
 *
 * <p>The broker and the service start once per property (jqwik's lifecycle), the requests share one HTTP client.
 */
public abstract class RestFuzzScenario {

    /** Fuzz cases per service; each is one request. */
    protected static final int TRIES = 1_500;
    /** Metrics are the largest legitimate answer; anything else is far smaller. */
    private static final int MAX_BODY_CHARS = 1024 * 1024;
    private static final Pattern LEAK = Pattern.compile(
            "Exception|\\bat [a-z]+\\.[a-z]+\\.|java\\.|javax\\.|jakarta\\.|org\\.springframework|org\\.apache|"
                    + "com\\.example|tools\\.jackson|Whitelabel|<html|\"trace\"");
    private static final List<String> METHODS = List.of("GET", "GET", "GET", "GET", "HEAD", "POST", "PUT", "DELETE",
            "PATCH", "OPTIONS", "TRACE", "PROPFIND", "BREW");

    private EmbeddedKafkaBroker broker;
    private ServiceInstance service;

    private final Class<?> application;
    private final String serviceName;
    private final List<String> inputTopics;
    private final List<String> endpoints;
    private final Map<String, Integer> limitCaps;
    private final List<String> knownIds;

    /**
     * @param application the service's {@code @SpringBootApplication}
     * @param inputTopics where a little good traffic is sent first, so some requests reach stores
     * @param endpoints   the service's own endpoints; {@code {id}} stands for a path variable. The shared ones
     *                    ({@code /api/stats}, {@code /internal/...}, actuator) are added here
     * @param limitCaps   endpoints with a capped {@code limit}, and the cap
     * @param knownIds    ids that exist once that traffic is processed
     */
    protected RestFuzzScenario(Class<?> application, String serviceName, List<String> inputTopics,
                               List<String> endpoints, Map<String, Integer> limitCaps, List<String> knownIds) {
        this.application = application;
        this.serviceName = serviceName;
        this.inputTopics = List.copyOf(inputTopics);
        this.endpoints = List.copyOf(endpoints);
        this.limitCaps = Map.copyOf(limitCaps);
        this.knownIds = List.copyOf(knownIds);
    }

    /** The request a fuzz case sends: a method and a raw (already encoded) path with query. */
    public record FuzzRequest(String method, String pathAndQuery) {
        @Override
        public String toString() {
            return method + " " + (pathAndQuery.length() > 300 ? pathAndQuery.substring(0, 300) + "…" : pathAndQuery);
        }
    }

    @BeforeProperty
    void startBrokerAndService() {
        broker = new EmbeddedKafkaKraftBroker(1, 6).brokerProperties(Map.of(
                "transaction.state.log.replication.factor", "1",
                "transaction.state.log.min.isr", "1",
                "offsets.topic.replication.factor", "1",
                "group.initial.rebalance.delay.ms", "0",
                "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        service = ServiceInstance.start(application, broker.getBrokersAsString(), serviceName + "-fuzz",
                Map.of("spring.application.name", serviceName));
        await().atMost(Duration.ofSeconds(90)).until(() -> service.streams().isReady());
        TopicRecords.produce(broker.getBrokersAsString(), GoodEvents.records(inputTopics, 600,
                Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                Http.get(service.baseUrl() + "/api/stats").json().path("as_of").isNumber());
    }

    @AfterProperty
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Property(tries = TRIES, shrinking = net.jqwik.api.ShrinkingMode.BOUNDED)
    void everyRequestGetsA2xxOrA4xxAnswerThatLeaksNothing(@ForAll("requests") FuzzRequest request) {
        URI uri = URI.create(service.baseUrl() + request.pathAndQuery());
        Http.Response response = Http.send(request.method(), uri);

        // The one redirect: /swagger-ui.html sends a browser on to Swagger UI's page.
        boolean toSwaggerUi = request.pathAndQuery().startsWith("/swagger-ui.html")
                && request.method().matches("GET|HEAD");
        assertThat(response.status()).as("status").satisfiesAnyOf(
                status -> assertThat(status).isBetween(200, 299),
                status -> assertThat(status).isBetween(400, 499),
                status -> assertThat(toSwaggerUi && status == 302).as("redirect to Swagger UI").isTrue());
        String body = response.body();
        assertThat(body.length()).as("answer size").isLessThanOrEqualTo(MAX_BODY_CHARS);
        boolean metrics = request.pathAndQuery().startsWith("/actuator/prometheus") && response.status() == 200;
        boolean swaggerUi = request.pathAndQuery().startsWith("/swagger-ui") && response.status() == 200;
        // Metrics name classes by design (exception tags, the main class); they are for the scraper, not clients.
        // Swagger UI is a web page.
        assertThat(!metrics && !swaggerUi && LEAK.matcher(body).find()).as("leaks internals: %s", abbreviate(body))
                .isFalse();
        if (response.status() >= 400 && !request.method().equals("HEAD")) {
            assertThat(response.contentType()).as("content type of %s", abbreviate(body))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            JsonNode problem = Json.mapper().readTree(body);
            assertThat(problem.path("status").asInt()).isEqualTo(response.status());
            assertThat(problem.path("title").asString()).isNotBlank();
        }
        Integer cap = limitCaps.get(request.pathAndQuery().split("\\?", 2)[0]);
        if (cap != null && request.method().equals("GET") && response.status() == 200) {
            List<String> limits = Pattern.compile("(?:^|&)limit=([^&]*)")
                    .matcher(request.pathAndQuery().contains("?") ? request.pathAndQuery().split("\\?", 2)[1] : "")
                    .results().map(match -> match.group(1)).toList();
            if (limits.size() == 1 && limits.get(0).matches("\\d{1,9}")) {
                assertThat(Integer.parseInt(limits.get(0))).as("limit above the cap answered").isBetween(1, cap);
            }
        }
    }

    @Provide
    Arbitrary<FuzzRequest> requests() {
        Arbitrary<String> method = Arbitraries.of(METHODS);
        return Combinators.combine(method, paths(), queries()).as((m, p, q) -> new FuzzRequest(m, p + q));
    }

    private Arbitrary<String> paths() {
        List<String> templates = new ArrayList<>(endpoints);
        templates.addAll(List.of("/api/instances", "/api/stats", "/internal/stats", "/internal/key/{id}",
                "/internal/global/{id}", "/actuator", "/actuator/health", "/actuator/health/{id}",
                "/actuator/info", "/actuator/prometheus", "/actuator/env", "/actuator/heapdump",
                "/actuator/{id}", "/error", "/{id}", "/api/{id}", "/api/{id}/{id}", "/v3/api-docs",
                "/v3/api-docs/{id}", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/index.html",
                "/swagger-ui/{id}"));
        Arbitrary<String> template = Arbitraries.of(templates);
        return Combinators.combine(template, ids(), ids(), Arbitraries.of("", "", "", "/", "//", "/..", ";x=1",
                        "/%2e%2e/%2e%2e/etc/passwd", ".json", "%00"))
                .as((t, first, second, suffix) -> t.replaceFirst("\\{id}", quoteReplacement(first))
                        .replace("{id}", quoteReplacement(second)) + suffix);
    }

    /** Path segments, already encoded as a client would put them on the wire (some deliberately not). */
    private Arbitrary<String> ids() {
        Arbitrary<String> known = Arbitraries.of(knownIds);
        Arbitrary<String> unicode = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(40).map(RestFuzzScenario::encode);
        Arbitrary<String> longIds = Arbitraries.integers().between(129, 10_000).map("a"::repeat);
        Arbitrary<String> raw = Arbitraries.of("%00", "..", "../..", "%2e%2e", "..%2F..%2F", "%2F", "%5C", "%25",
                "%ff%fe", "%c3%28", "%0d%0aX-Injected:%201", "%7B%7D", "%3Cscript%3E", "%27%20OR%20%271%27%3D%271", "%20", "",
                "user_1%00.json", "~", "-", ".", "null", "undefined", "9999999999999999999999", "-1", "NaN");
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, known), net.jqwik.api.Tuple.of(3, unicode), net.jqwik.api.Tuple.of(1, longIds),
                net.jqwik.api.Tuple.of(3, raw));
    }

    private Arbitrary<String> queries() {
        Arbitrary<String> name = Arbitraries.oneOf(Arbitraries.of("limit", "limit", "rule", "from", "to", "key",
                "stale", "page", "limit[]"), Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8));
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.integers().between(-5, 2_000).map(String::valueOf),
                Arbitraries.of("0", "1", "10", "1000", "1001", "2147483648", "-2147483649", "1e3", "NaN", "Infinity",
                        "-0", "0x10", "", "%00", "true", "excessive_activity", "impossible_travel",
                        "suspicious_login_transaction", "1732450000.5", "99999999999999999999", "user_1"),
                Arbitraries.strings().all().ofMaxLength(30).map(RestFuzzScenario::encode),
                Arbitraries.integers().between(1, 20_000).map("9"::repeat));
        Arbitrary<String> pair = Combinators.combine(name, value).as((n, v) -> n + "=" + v);
        return pair.list().ofMaxSize(4).map(pairs -> pairs.isEmpty() ? "" : "?" + String.join("&", pairs));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String quoteReplacement(String text) {
        return java.util.regex.Matcher.quoteReplacement(text);
    }

    private static String abbreviate(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }
}
