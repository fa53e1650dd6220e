package com.example.analytics.support.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.model.json.Json;
import com.example.analytics.model.validation.InvalidRecordException;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.streams.DeadLetterExceptionHandler;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/**
 * What one running service shows users and operators besides its answers.
 *
 * <p>Its OpenAPI document against what it serves: every endpoint its controllers map under {@code /api/} is in the
 * document with its methods and nothing else is; every operation answers 200 with the ids a little traffic created,
 * and every field of each answer is a property its documented schema names (so the document cannot drift from the
 * JSON, snake_case included); every {@code limit} documents the bounds the service enforces; errors are documented
 * as problem+json; Swagger UI is served.
 *
 * <p>Its operations side: every processing counter exists at 0 before the first record, REST latency is a
 * histogram, and {@code /actuator/info} tells what was built from which commit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ServiceSurfaceScenario {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

    private final Class<?> application;
    private final String serviceName;
    private final List<String> inputTopics;
    private final Map<String, String> pathValues;
    private final Map<String, Integer> limitCaps;
    private ServiceInstance service;
    private JsonNode spec;
    private String metricsAtStart;

    /**
     * @param application the service's {@code @SpringBootApplication}
     * @param serviceName its {@code spring.application.name}, the document's title
     * @param inputTopics where a little good traffic is sent first, so per-key operations find their keys
     * @param pathValues  a value for each path variable of the API that exists once that traffic is processed
     * @param limitCaps   operations (path) with a {@code limit}, and the largest value the service allows
     */
    protected ServiceSurfaceScenario(Class<?> application, String serviceName, List<String> inputTopics,
                              Map<String, String> pathValues, Map<String, Integer> limitCaps) {
        this.application = application;
        this.serviceName = serviceName;
        this.inputTopics = List.copyOf(inputTopics);
        this.pathValues = Map.copyOf(pathValues);
        this.limitCaps = Map.copyOf(limitCaps);
    }

    @BeforeAll
    void startServiceWithTraffic() {
        // Subclasses are @KafkaBrokerTest: one embedded broker per class.
        String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        service = ServiceInstance.start(application, bootstrap, serviceName + "-api-docs",
                Map.of("spring.application.name", serviceName));
        await().atMost(WAIT).until(() -> service.streams().isReady());
        metricsAtStart = Http.get(service.baseUrl() + "/actuator/prometheus").body();
        TopicRecords.produce(bootstrap, GoodEvents.records(inputTopics, 600,
                Instant.now().minus(Duration.ofMinutes(30)), Duration.ofMillis(100)));
        Http.Response docs = Http.get(service.baseUrl() + "/v3/api-docs");
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        spec = docs.json();
        writeForReading(docs.body());
    }

    @AfterAll
    void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyEndpointTheControllersServeIsDocumentedAndNothingElse() {
        Set<String> served = new TreeSet<>();
        RequestMappingHandlerMapping mapping = service.bean("requestMappingHandlerMapping",
                RequestMappingHandlerMapping.class);
        for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                if (pattern.startsWith("/api/")) {
                    assertThat(methods).as("%s maps explicit methods", pattern).isNotEmpty();
                    methods.forEach(method -> served.add(method.name() + " " + pattern));
                }
            }
        }
        Set<String> documented = new TreeSet<>();
        spec.get("paths").properties().forEach(path -> path.getValue().propertyNames()
                .forEach(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));

        assertThat(spec.path("info").path("title").asString()).isEqualTo(serviceName);
        assertThat(served).as("endpoints under /api/").contains("GET /api/instances", "GET /api/stats");
        assertThat(documented).as("documented operations").isEqualTo(served);
    }

    @Test
    void everyDocumentedOperationAnswersWithTheFieldsItsSchemaNames() {
        List<String> checked = new ArrayList<>();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String url = service.baseUrl() + expand(path.getKey());
            await().atMost(WAIT).untilAsserted(() -> {
                Http.Response response = Http.send(operation.getKey().toUpperCase(java.util.Locale.ROOT),
                        java.net.URI.create(url));
                assertThat(response.status()).as("%s %s: %s", operation.getKey(), url, response.body())
                        .isEqualTo(200);
                JsonNode schema = operation.getValue().path("responses").path("200").path("content")
                        .path("application/json").path("schema");
                assertThat(schema.isMissingNode()).as("200 schema of %s", path.getKey()).isFalse();
                assertDocumented(response.json(), schema, path.getKey());
            });
            checked.add(path.getKey());
        }));
        assertThat(checked).isNotEmpty();
    }

    @Test
    void errorsAreDocumentedAsProblems() {
        JsonNode problem = spec.path("components").path("schemas").path("Problem");
        assertThat(problem.path("properties").propertyNames()).contains("type", "title", "status", "detail",
                "instance");
        JsonNode notReady = spec.path("components").path("responses").path("NotReady");
        assertThat(notReady.path("headers").has("Retry-After")).isTrue();
        assertThat(notReady.path("content").has("application/problem+json")).isTrue();
        spec.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            JsonNode responses = operation.getValue().path("responses");
            if (path.getKey().contains("{")) {
                assertThat(responses.path("400").path("$ref").asString()).as("400 of %s", path.getKey())
                        .isEqualTo("#/components/responses/BadRequest");
                assertThat(responses.path("404").path("$ref").asString()).as("404 of %s", path.getKey())
                        .isEqualTo("#/components/responses/NotFound");
            }
            for (JsonNode parameter : operation.getValue().path("parameters")) {
                if (parameter.path("in").asString().equals("path")) {
                    assertThat(parameter.path("schema").path("pattern").asString())
                            .as("pattern of %s in %s", parameter.path("name").asString(), path.getKey())
                            .isNotBlank();
                }
            }
        }));
    }

    @Test
    void limitsDocumentTheBoundsTheServiceEnforces() {
        Set<String> withLimit = new TreeSet<>();
        spec.get("paths").properties().forEach(path -> {
            for (JsonNode parameter : path.getValue().path("get").path("parameters")) {
                if (parameter.path("name").asString().equals("limit")) {
                    withLimit.add(path.getKey());
                    JsonNode schema = parameter.path("schema");
                    assertThat(parameter.path("in").asString()).isEqualTo("query");
                    assertThat(schema.path("minimum").asInt()).as("minimum of %s", path.getKey()).isEqualTo(1);
                    assertThat(schema.path("maximum").asInt()).as("maximum of %s", path.getKey())
                            .isEqualTo(limitCaps.get(path.getKey()));
                    assertThat(schema.path("default").asInt()).isBetween(1, limitCaps.get(path.getKey()));
                }
            }
        });
        assertThat(withLimit).isEqualTo(limitCaps.keySet());
        limitCaps.forEach((path, cap) -> {
            String url = service.baseUrl() + expand(path);
            await().atMost(WAIT).untilAsserted(() ->
                    assertThat(Http.get(url + "?limit=" + cap).status()).as(url).isEqualTo(200));
            Http.Response tooMany = Http.get(url + "?limit=" + (cap + 1));
            assertThat(tooMany.status()).isEqualTo(400);
            assertThat(tooMany.contentType()).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
            assertThat(tooMany.json().path("detail").asString()).contains("limit", Integer.toString(cap));
        });
    }

    @Test
    void swaggerUiIsServed() {
        Http.Response ui = Http.get(service.baseUrl() + "/swagger-ui/index.html");
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        Http.Response config = Http.get(service.baseUrl() + "/v3/api-docs/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.json().path("url").asString()).isEqualTo("/v3/api-docs");
    }

    /** Whether the module's build writes {@code META-INF/build-info.properties}, as every runnable module's does. */
    protected boolean hasBuildInfo() {
        return true;
    }

    @Test
    void everyProcessingCounterExistsAtZeroBeforeTheFirstRecord() {
        List<String> reasons = new ArrayList<>();
        for (InvalidRecordException.Reason reason : InvalidRecordException.Reason.values()) {
            reasons.add(reason.name());
        }
        reasons.add(DeadLetterExceptionHandler.PROCESSING_ERROR);
        for (String topic : inputTopics) {
            for (String reason : reasons) {
                assertAtZero("analytics_dlq_records_total", Map.of("source_topic", topic, "reason", reason));
            }
            assertAtZero("analytics_late_records_total", Map.of("source_topic", topic));
        }
        for (CounterSeries declared : service.beans(CounterSeries.class)) {
            declared.actions().forEach(action -> assertAtZero("analytics_actions_total",
                    Map.of("action_type", action.actionType(), "rule", action.ruleTag())));
            declared.lateSources().forEach(source ->
                    assertAtZero("analytics_late_records_total", Map.of("source_topic", source)));
        }
        assertAtZero("analytics_stream_threads_replaced_total", Map.of());
    }

    @Test
    void restLatencyIsAHistogram() {
        assertThat(Http.get(service.baseUrl() + "/api/stats").status()).isEqualTo(200);
        assertThat(Http.get(service.baseUrl() + "/actuator/prometheus").body())
                .containsPattern("http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/stats\"");
    }

    @Test
    void infoTellsWhatWasBuiltFromWhichCommit() {
        Http.Response response = Http.get(service.baseUrl() + "/actuator/info");
        assertThat(response.status()).isEqualTo(200);
        JsonNode info = response.json();
        assertThat(info.path("java").path("version").asString()).isNotBlank();
        Properties build = classPathProperties("META-INF/build-info.properties");
        if (hasBuildInfo()) {
            assertThat(build.getProperty("build.artifact")).as("build-info.properties of the service").isNotNull();
            assertThat(info.path("build").path("artifact").asString()).isEqualTo(build.getProperty("build.artifact"));
            assertThat(info.path("build").path("version").asString()).isEqualTo(build.getProperty("build.version"));
        }
        String commit = classPathProperties("git.properties").getProperty("git.commit.id.abbrev");
        if (commit == null) {
            System.out.println("SKIPPED git in /actuator/info: no git.properties with a commit (built outside git)");
        } else {
            assertThat(info.path("git").path("commit").path("id").asString()).isEqualTo(commit);
        }
    }

    private void assertAtZero(String name, Map<String, String> labels) {
        List<String> matching = metricsAtStart.lines().filter(line -> line.startsWith(name + "{"))
                .filter(line -> labels.entrySet().stream()
                        .allMatch(label -> line.contains(label.getKey() + "=\"" + label.getValue() + "\"")))
                .toList();
        assertThat(matching).as("%s%s at start", name, labels).singleElement()
                .satisfies(line -> assertThat(line).endsWith(" 0.0"));
    }

    private Properties classPathProperties(String resource) {
        Properties properties = new Properties();
        try (java.io.InputStream in = application.getClassLoader().getResourceAsStream(resource)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    /** The document under {@code target/api-docs/}, to read without starting the service. */
    private void writeForReading(String document) {
        try {
            java.nio.file.Path file = java.nio.file.Path.of("target", "api-docs", serviceName + ".json");
            java.nio.file.Files.createDirectories(file.getParent());
            java.nio.file.Files.writeString(file, Json.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Json.mapper().readTree(document)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every field of {@code answer}, recursively, is a property that {@code schema} documents. */
    private void assertDocumented(JsonNode answer, JsonNode schema, String where) {
        JsonNode resolved = resolve(schema);
        if (answer.isObject()) {
            JsonNode properties = resolved.path("properties");
            if (properties.isMissingNode()) {
                // A map (additionalProperties): its keys are data, not names the document can list.
                return;
            }
            answer.properties().forEach(field -> {
                assertThat(properties.has(field.getKey())).as("%s: field '%s' is documented (documented: %s)",
                        where, field.getKey(), properties.propertyNames()).isTrue();
                assertDocumented(field.getValue(), properties.get(field.getKey()), where + "." + field.getKey());
            });
        } else if (answer.isArray()) {
            for (JsonNode item : answer) {
                assertDocumented(item, resolved.path("items"), where + "[]");
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        String ref = schema.path("$ref").asString("");
        if (ref.isEmpty()) {
            return schema;
        }
        assertThat(ref).startsWith("#/components/schemas/");
        return resolve(spec.path("components").path("schemas").path(ref.substring("#/components/schemas/".length())));
    }

    private String expand(String template) {
        Matcher variables = PATH_VARIABLE.matcher(template);
        StringBuilder path = new StringBuilder();
        while (variables.find()) {
            String value = pathValues.get(variables.group(1));
            assertThat(value).as("a value for {%s} of %s", variables.group(1), template).isNotNull();
            variables.appendReplacement(path,
                    Matcher.quoteReplacement(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        }
        variables.appendTail(path);
        return path.toString();
    }
}
