package com.example.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.support.test.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import tools.jackson.databind.JsonNode;

/**
 * The crash test: a broker and two instances of every service, each a process of its own; generated events
 * (every scenario, bad, out-of-order and late records) are produced at a steady rate while instances are killed
 * with SIGKILL at random moments and started again, one is stopped with SIGTERM, and the broker is stopped for a
 * while. A client queries every endpoint all along. At the end, what was delivered is compared with what the
 * generated events call for ({@link Expected}), and the REST answers with the expected figures.
 *
 * <p>Sized by system properties so the same scenario is the short variant in {@code ./mvnw verify} and the full
 * one under {@code -Preliability}: {@code reliability.events}, {@code reliability.rate} (records per second of wall
 * clock), {@code reliability.kills}, {@code reliability.broker-downtime} (seconds; 0 = no broker restart),
 * {@code reliability.seed}.
 */
abstract class CrashScenario {

    static final long EVENTS = Long.getLong("reliability.events", 30_000);
    static final int RATE = Integer.getInteger("reliability.rate", 600);
    static final int KILLS = Integer.getInteger("reliability.kills", 3);
    static final Duration BROKER_DOWNTIME = Duration.ofSeconds(Long.getLong("reliability.broker-downtime", 20));
    static final long SEED = Long.getLong("reliability.seed", System.nanoTime());
    static final Duration CATCH_UP = Duration.ofMinutes(Long.getLong("reliability.catch-up-minutes", 8));

    protected final Random random = new Random(SEED);
    protected final Expected expected = new Expected();
    protected final List<String> faults = new ArrayList<>();
    protected ProcessCluster cluster;
    protected QueryLoad queries;

    /** The processing guarantee under test. */
    protected abstract String guarantee();

    protected void startCluster(String name) {
        String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        Path runDir = Path.of("target", "reliability", name + "-" + stamp).toAbsolutePath();
        cluster = new ProcessCluster(runDir, new ProcessCluster.Settings(guarantee(), 1, 2,
                EnumSet.allOf(ServiceKind.class)));
        cluster.startBroker();
        cluster.startServices();
        cluster.awaitAllReady();
        queries = QueryLoad.start(cluster);
    }

    @AfterEach
    void stopCluster() {
        if (queries != null) {
            queries.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Simulated traffic: a small shop at 100 records per second of event time, every scenario, 1% bad records. */
    protected static GeneratorConfig traffic(long events, long seed) {
        return GeneratorConfig.builder().seed(seed).users(20_000).products(500).stores(4).events(events)
                .eventsPerSecond(100).start(Instant.parse("2026-11-02T09:00:00Z")).build();
    }

    /**
     * Produces the records at {@code RATE} per second of wall clock, each also given to {@link #expected} in the
     * order it is sent; runs in the background.
     */
    protected CompletableFuture<Long> produce(Iterator<GeneratedRecord> records, long count) {
        return CompletableFuture.supplyAsync(() -> {
            long sent = 0;
            long start = System.nanoTime();
            try (KafkaSink sink = new KafkaSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    cluster.bootstrapServers(), ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000,
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, 300_000))) {
                while (sent < count && records.hasNext()) {
                    GeneratedRecord record = records.next();
                    sink.send(record);
                    expected.add(record);
                    sent++;
                    long due = start + sent * 1_000_000_000L / RATE;
                    long ahead = due - System.nanoTime();
                    if (ahead > 0) {
                        TimeUnit.NANOSECONDS.sleep(ahead);
                    }
                }
                sink.flush();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return sent;
        }, task -> {
            Thread producer = new Thread(task, "producer");
            producer.setDaemon(true);
            producer.start();
        });
    }

    /** SIGKILL of a random running instance, started again a few seconds later. */
    protected void killAndRestartRandomInstance() {
        List<ProcessCluster.Node> running = cluster.nodes().stream().filter(ProcessCluster.Node::isRunning).toList();
        ProcessCluster.Node victim = running.get(random.nextInt(running.size()));
        victim.kill();
        long downMillis = 1000 + random.nextInt(4000);
        fault("SIGKILL " + victim + ", restarted after " + downMillis + " ms");
        pause(Duration.ofMillis(downMillis));
        victim.start();
    }

    /** SIGTERM of a random running instance, started again once it has closed; returns how long closing took. */
    protected Duration terminateAndRestartRandomInstance() {
        List<ProcessCluster.Node> running = cluster.nodes().stream().filter(ProcessCluster.Node::isReady).toList();
        ProcessCluster.Node victim = running.get(random.nextInt(running.size()));
        Duration closing = victim.terminate(Duration.ofSeconds(60));
        fault("SIGTERM " + victim + ", closed in " + closing.toMillis() + " ms, restarted");
        victim.start();
        return closing;
    }

    protected void restartBroker(Duration downtime) {
        Duration stopping = cluster.stopBroker();
        fault("broker stopped (SIGTERM, " + stopping.toMillis() + " ms), down for " + downtime.toSeconds() + " s");
        pause(downtime);
        cluster.startBroker();
        fault("broker started again");
    }

    /**
     * Waits between faults. A fault schedule is paced by the wall clock on purpose; nothing here waits for a
     * condition.
     */
    protected static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected synchronized void fault(String what) {
        faults.add(Instant.now() + " " + what);
    }

    /** Waits until every instance is back, every application has consumed its inputs and delivered all it must. */
    protected Delivery.Report awaitCompleteDelivery() {
        cluster.awaitAllReady();
        Delivery.Report[] last = new Delivery.Report[1];
        boolean[] caughtUp = {false};
        try {
            await("every expected result delivered").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5))
                    .until(() -> {
                        last[0] = Delivery.read(cluster.bootstrapServers()).compareWith(expected);
                        caughtUp[0] = cluster.caughtUp();
                        return last[0].complete() && caughtUp[0];
                    });
        } catch (ConditionTimeoutException e) {
            writeReport("faults:\n  " + String.join("\n  ", faults) + "\nexpected actions "
                    + expected.actionIds().size() + ", sales summaries " + expected.sales().size()
                    + "\ninputs consumed by every service: " + caughtUp[0] + "\n" + last[0]);
            throw new AssertionError("not everything was delivered within " + CATCH_UP + ": " + last[0]
                    + "; inputs consumed: " + caughtUp[0], e);
        }
        return settledDelivery();
    }

    /**
     * Waits until every instance is back and every application has consumed its inputs, then until the output
     * topics settle; for a guarantee under which some expected results may never come (at-least-once re-counts, so
     * a rule may fire at another record than expected).
     */
    protected Delivery.Report awaitConsumedDelivery() {
        cluster.awaitAllReady();
        await("every input consumed").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5)).until(cluster::caughtUp);
        return settledDelivery();
    }

    private Delivery.Report settledDelivery() {
        // Timers (idle sources, trend evaluation) may still emit after the inputs are consumed: settled is when
        // two reads some seconds apart agree.
        Delivery[] previous = {Delivery.read(cluster.bootstrapServers())};
        await("the output topics settle").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(3))
                .until(() -> {
                    Delivery now = Delivery.read(cluster.bootstrapServers());
                    boolean settled = now.equals(previous[0]);
                    previous[0] = now;
                    return settled;
                });
        return previous[0].compareWith(expected);
    }

    /** The REST answers after catch-up equal the expected figures. */
    protected void assertRestAnswers() {
        ProcessCluster.Node product = cluster.nodes(ServiceKind.PRODUCT).get(0);
        JsonNode count = Http.get(product.baseUrl() + "/api/products/count").json();
        assertThat(count.get("total_products_viewed").asLong()).isEqualTo(expected.productsViewed());
        for (String productId : expected.mostViewed(10)) {
            JsonNode view = Http.get(product.baseUrl() + "/api/products/" + productId).json();
            assertThat(view.get("total_views").asLong()).as(productId).isEqualTo(expected.totalViews(productId));
            assertThat(view.get("unique_users").asLong()).as(productId).isEqualTo(expected.uniqueViewers(productId));
            assertThat(view.get("purchases").asLong()).as(productId).isEqualTo(expected.purchases(productId));
        }
        Http.Response top = Http.get(product.baseUrl() + "/api/products/top?limit=10");
        assertThat(top.status()).as(top.body()).isEqualTo(200);
        long asOfSecond = (long) Math.floor(top.json().get("as_of").asDouble());
        List<Map.Entry<String, Long>> served = new ArrayList<>();
        top.json().get("top_products_hourly").forEach(entry -> served.add(Map.entry(
                entry.get("product_id").asString(), entry.get("hourly_views").asLong())));
        assertThat(served).isEqualTo(Expected.top(expected.hourlyViewsAt(asOfSecond), 10));

        ProcessCluster.Node fraud = cluster.nodes(ServiceKind.FRAUD).get(1);
        List<String> alerts = new ArrayList<>();
        Http.get(fraud.baseUrl() + "/api/fraud/alerts?limit=1000").json().get("alerts")
                .forEach(alert -> alerts.add(alert.get("action_id").asString()));
        assertThat(alerts).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(
                expected.actionIds().stream().filter(id -> id.startsWith("fraud:")).toList());
    }

    protected void writeReport(String text) {
        try {
            Files.writeString(cluster.runDir().resolve("report.txt"), text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.println(text);
    }
}
