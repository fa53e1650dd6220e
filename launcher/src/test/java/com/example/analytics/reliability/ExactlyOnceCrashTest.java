package com.example.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.loadgen.LoadGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Exactly-once under crashes: instances killed with SIGKILL and restarted, one stopped with SIGTERM, the broker
 * stopped and started again, all while records flow and a client queries every endpoint; every expected action is
 * delivered exactly once, nothing else is, every sales summary is exact, REST answers equal the expected figures.
 */
class ExactlyOnceCrashTest extends CrashScenario {

    @Override
    protected String guarantee() {
        return "exactly_once_v2";
    }

    @Test
    void nothingIsLostOrDoubledWhenInstancesAndTheBrokerFail() throws Exception {
        startCluster("exactly-once");
        LoadGenerator generator = new LoadGenerator(traffic(EVENTS, SEED));
        long start = System.nanoTime();
        CompletableFuture<Long> production = produce(generator.stream().iterator(), EVENTS);

        // Faults spread over the production time: kills, one graceful stop, and the broker restart in the middle.
        Duration producing = Duration.ofMillis(EVENTS * 1000 / RATE);
        int steps = KILLS + 2;
        List<Duration> gracefulStops = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            pause(producing.dividedBy(steps + 1).multipliedBy(80 + random.nextInt(40)).dividedBy(100));
            if (step == steps / 2 && !BROKER_DOWNTIME.isZero()) {
                restartBroker(BROKER_DOWNTIME);
            } else if (step == 1) {
                gracefulStops.add(terminateAndRestartRandomInstance());
            } else {
                killAndRestartRandomInstance();
            }
        }
        long sent = production.get(30, TimeUnit.MINUTES);
        Duration producedIn = Duration.ofNanos(System.nanoTime() - start);
        expected.complete(generator.report());

        Delivery.Report report = awaitCompleteDelivery();
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        writeReport("""
                exactly-once crash test, seed %d
                records produced %d in %d s (%d counted by the rules), then caught up after %d s in all
                faults:
                  %s
                expected actions %d, delivered %d; expected sales summaries %d
                %s
                duplicates %d
                queries during the run: %s
                graceful stops took %s
                """.formatted(SEED, sent, producedIn.toSeconds(), expected.countedRecords(), total.toSeconds(),
                String.join("\n  ", faults), expected.actionIds().size(), report.deliveredActions(),
                expected.sales().size(), report, report.duplicates(), queries, gracefulStops));

        assertThat(report.exact()).as(report.toString()).isTrue();
        assertThat(report.duplicates()).isZero();
        assertRestAnswers();
        queries.close();
        assertThat(queries.violations()).isEmpty();
        assertThat(queries.statuses().keySet()).allSatisfy(status -> assertThat(status).isIn(200, 400, 404, 503));
        // Kafka Streams closes within its 30 s close timeout (it says so when it does not); the JVM exits after it.
        assertThat(cluster.serviceLogLines("did not close within")).isEmpty();
        assertThat(gracefulStops).allSatisfy(closing -> assertThat(closing).isLessThan(Duration.ofSeconds(60)));
        assertThat(cluster.serviceLogLines("STREAM THREAD DIED")).isEmpty();
    }
}
