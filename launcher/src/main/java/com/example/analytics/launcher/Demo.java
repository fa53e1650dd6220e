package com.example.analytics.launcher;

import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.loadgen.sink.Pacer;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * {@code launcher --demo}: live generated traffic with every scenario, and every few seconds a compact view built
 * the way a user would build it, from the services' REST APIs and the actions topic. A service that is not
 * running shows "—".
 */
final class Demo implements AutoCloseable {

    private static final String ABSENT = "—";
    private static final Duration VIEW_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Map<String, Object> kafkaClient;
    private final int rate;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final AtomicLong sent = new AtomicLong();
    private final Map<String, LongAdder> actionsByType = new ConcurrentHashMap<>();
    private final ScheduledExecutorService view = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "demo-view"));
    private final Thread generator;
    private final Thread actionReader;
    private volatile boolean running = true;
    private long sentAtLastView;
    private long lastViewNanos = System.nanoTime();

    /** @param kafkaClient bootstrap servers and security settings */
    Demo(Map<String, Object> kafkaClient, int rate, PrintStream out) {
        this.kafkaClient = Map.copyOf(kafkaClient);
        this.rate = rate;
        this.out = out;
        this.generator = new Thread(this::generate, "demo-generator");
        this.actionReader = new Thread(this::readActions, "demo-actions");
    }

    void start() {
        generator.start();
        actionReader.start();
        view.scheduleAtFixedRate(this::printView, VIEW_EVERY.toMillis(), VIEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        out.printf("Demo            %d events/s of live traffic, all scenarios; a view every %d s%n", rate,
                VIEW_EVERY.toSeconds());
    }

    private void generate() {
        LoadGenerator traffic = new LoadGenerator(GeneratorConfig.builder().live().eventsPerSecond(rate).events(0)
                .build());
        try (KafkaSink sink = new KafkaSink(kafkaClient)) {
            Pacer pacer = Pacer.live();
            var records = traffic.iterator();
            while (running && records.hasNext()) {
                var record = records.next();
                pacer.await(record.eventTimeMillis());
                sink.send(record);
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                out.println("Demo traffic stopped: " + e.getMessage());
            }
        }
    }

    private void readActions() {
        Map<String, Object> config = new HashMap<>(kafkaClient);
        config.putAll(Map.of(ConsumerConfig.GROUP_ID_CONFIG, "launcher-demo-view",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"));
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REAL_TIME_ACTIONS.name()));
            while (running) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Action action = Json.mapper().readValue(record.value(), Action.class);
                    String type = action.rule() == null ? action.actionType() : action.rule();
                    actionsByType.computeIfAbsent(type, t -> new LongAdder()).increment();
                }
            }
        } catch (RuntimeException e) {
            if (running) {
                out.println("Demo action reader stopped: " + e.getMessage());
            }
        }
    }

    private void printView() {
        try {
            long now = System.nanoTime();
            long total = sent.get();
            double perSecond = (total - sentAtLastView) / ((now - lastViewNanos) / 1e9);
            sentAtLastView = total;
            lastViewNanos = now;

            Map<String, Long> actions = new TreeMap<>();
            actionsByType.forEach((type, count) -> actions.put(type, count.sum()));
            long dlq = 0;
            long late = 0;
            boolean anyStats = false;
            for (int port = 8081; port <= 8084; port++) {
                Optional<JsonNode> stats = get(port, "/api/stats");
                if (stats.isPresent()) {
                    anyStats = true;
                    dlq += stats.get().path("dead_lettered_records").asLong();
                    late += stats.get().path("late_records").asLong();
                }
            }
            String sessions = get(8081, "/api/sessions/active")
                    .map(body -> body.path("active_sessions").asLong() + " active / "
                            + body.path("total_users").asLong() + " users").orElse(ABSENT);
            String top = get(8082, "/api/products/top?limit=3").map(body -> {
                StringBuilder text = new StringBuilder();
                body.path("top_products_hourly").forEach(product -> text.append(text.isEmpty() ? "" : ", ")
                        .append(product.path("product_id").asString()).append(" (")
                        .append(product.path("hourly_views").asLong()).append(')'));
                return text.isEmpty() ? "none yet" : text.toString();
            }).orElse(ABSENT);
            String spiking = get(8083, "/api/trends").map(body -> {
                StringBuilder text = new StringBuilder();
                body.path("trends").forEach(trend -> {
                    if (trend.path("spiking").asBoolean()) {
                        text.append(text.isEmpty() ? "" : ", ").append(trend.path("trend_key").asString());
                    }
                });
                return text.isEmpty() ? "none" : text.toString();
            }).orElse(ABSENT);
            String alert = get(8084, "/api/fraud/alerts?limit=1").map(body -> {
                JsonNode latest = body.path("alerts").path(0);
                return latest.isMissingNode() ? "none yet" : latest.path("rule").asString() + " "
                        + latest.path("subject").asString() + " at "
                        + CLOCK.format(Instant.ofEpochMilli(Math.round(latest.path("timestamp").asDouble() * 1000)));
            }).orElse(ABSENT);

            out.printf("%n[%s] events in %,.0f/s (%,d sent)  actions %s  dlq %s  late %s%n",
                    CLOCK.format(Instant.now()), perSecond, total, actions.isEmpty() ? "none yet" : actions,
                    anyStats ? dlq : ABSENT, anyStats ? late : ABSENT);
            out.printf("  sessions %s | top products %s | spiking %s | latest alert %s%n", sessions, top, spiking,
                    alert);
        } catch (RuntimeException e) {
            out.println("Demo view failed: " + e.getMessage());
        }
    }

    private Optional<JsonNode> get(int port, String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                    + path)).timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(Json.mapper().readTree(response.body()))
                    : Optional.empty();
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        running = false;
        view.shutdownNow();
        try {
            generator.join(5_000);
            actionReader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
