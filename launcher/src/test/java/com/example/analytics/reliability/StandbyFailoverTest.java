package com.example.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Standby failover: two product-analytics instances with a sizeable state; the one that owns a product is killed
 * with SIGKILL while the other is asked for that product all along. With a standby replica the survivor answers
 * from it (marked stale) and takes over without restoring; without one it restores the partition from the changelog
 * first. Both recovery times are reported, and the standby's must be the shorter.
 */
@Tag("reliability-full")
class StandbyFailoverTest {

    static final long EVENTS = Long.getLong("reliability.standby-events", 400_000);

    /** What the survivor answered for the product, and when it answered fresh from its own active task again. */
    record Failover(Duration toFreshAnswer, Duration toReady, Map<String, Long> answers) {
    }

    @Test
    void aStandbyAnswersWhileTheActiveIsGoneAndTakesOverFasterThanAColdRestore() {
        Failover warm = failover(1);
        Failover cold = failover(0);
        String report = """
                standby failover, %d product events, two instances
                with a standby replica: fresh answer after %d ms, survivor ready after %d ms, answers %s
                without (cold restore):  fresh answer after %d ms, survivor ready after %d ms, answers %s
                """.formatted(EVENTS, warm.toFreshAnswer().toMillis(), warm.toReady().toMillis(), warm.answers(),
                cold.toFreshAnswer().toMillis(), cold.toReady().toMillis(), cold.answers());
        System.out.println(report);

        assertThat(warm.answers()).as(report).containsKey("200 stale");
        assertThat(warm.answers().keySet()).allSatisfy(answer -> assertThat(answer).matches("(200 stale|200 fresh|503)"));
        assertThat(cold.answers().keySet()).allSatisfy(answer -> assertThat(answer).matches("(200 stale|200 fresh|503)"));
        assertThat(warm.toFreshAnswer()).as(report).isLessThan(cold.toFreshAnswer());
    }

    private static Failover failover(int standbyReplicas) {
        Path runDir = Path.of("target", "reliability", "standby-" + standbyReplicas + "-" + System.currentTimeMillis())
                .toAbsolutePath();
        try (ProcessCluster cluster = new ProcessCluster(runDir, new ProcessCluster.Settings("exactly_once_v2",
                standbyReplicas, 2, EnumSet.of(ServiceKind.PRODUCT)))) {
            cluster.startBroker();
            cluster.startServices();
            cluster.awaitAllReady();
            // Many products, so that restoring a partition's stores takes a while.
            GeneratorConfig config = GeneratorConfig.builder().seed(11).users(50_000).products(100_000)
                    .events(EVENTS).eventsPerSecond(200).start(Instant.parse("2026-11-02T09:00:00Z"))
                    .scenarios(EnumSet.noneOf(Scenario.class)).build();
            try (KafkaSink sink = KafkaSink.to(cluster.bootstrapServers())) {
                new LoadGenerator(config).stream()
                        .filter(record -> record.topic().equals(Topics.PRODUCT_EVENTS.name()))
                        .forEach(sink::send);
                sink.flush();
            }
            await("caught up").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofSeconds(2))
                    .until(cluster::caughtUp);
            ProcessCluster.Node first = cluster.nodes(ServiceKind.PRODUCT).get(0);
            ProcessCluster.Node second = cluster.nodes(ServiceKind.PRODUCT).get(1);
            String product = "product_1";
            String owner = Http.get(first.baseUrl() + "/api/products/" + product).json().get("served_by").asString();
            ProcessCluster.Node active = owner.endsWith(":" + first.port) ? first : second;
            ProcessCluster.Node survivor = active == first ? second : first;
            if (standbyReplicas > 0) {
                long views = Http.get(active.baseUrl() + "/api/products/" + product).json().get("total_views")
                        .asLong();
                // A standby catches up from the changelog a little after its active.
                await("the standby has caught up").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            Http.Response local = Http.get(survivor.baseUrl() + "/internal/key/product?key=" + product
                                    + "&stale=true");
                            return local.status() == 200
                                    && local.json().get("value").get("total_views").asLong() == views;
                        });
            }

            Map<String, Long> answers = new TreeMap<>();
            long killedAt = System.nanoTime();
            active.kill();
            long[] fresh = {0};
            await("a fresh answer from the survivor").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        Http.Response response = Http.get(survivor.baseUrl() + "/api/products/" + product);
                        boolean stale = response.status() == 200 && response.json().get("stale").asBoolean();
                        answers.merge(response.status() == 200 ? (stale ? "200 stale" : "200 fresh")
                                : Integer.toString(response.status()), 1L, Long::sum);
                        if (response.status() == 200 && !stale) {
                            fresh[0] = System.nanoTime();
                            return true;
                        }
                        return false;
                    });
            await("the survivor ready").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(survivor::isReady);
            long ready = System.nanoTime();
            return new Failover(Duration.ofNanos(fresh[0] - killedAt), Duration.ofNanos(ready - killedAt), answers);
        }
    }

}
