package com.example.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.TopicRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The checker can fail: the crash test under at-least-once. Instances stopped with SIGTERM close cleanly and commit
 * what they processed, so the first half (graceful restarts only) delivers no duplicate; the second half kills
 * instances with SIGKILL, which re-processes uncommitted records, and the checker must report the duplicates. A
 * run lucky enough to produce none gets one injected, which the checker must find. Re-processing also counts some
 * records twice in state, so a rule can fire at an earlier record than expected: such results are reported as
 * missing and unexpected, not waited for.
 */
@Tag("reliability-full")
class AtLeastOnceCrashTest extends CrashScenario {

    @Override
    protected String guarantee() {
        return "at_least_once";
    }

    @Test
    void gracefulRestartsDeliverNoDuplicatesAndKillsDeliverDuplicatesTheCheckerReports() throws Exception {
        startCluster("at-least-once");
        LoadGenerator generator = new LoadGenerator(traffic(EVENTS, SEED));
        Iterator<GeneratedRecord> records = generator.stream().iterator();
        long half = EVENTS / 2;
        Duration producingHalf = Duration.ofMillis(half * 1000 / RATE);

        var first = produce(records, half);
        List<Duration> gracefulStops = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            pause(producingHalf.dividedBy(3));
            gracefulStops.add(terminateAndRestartRandomInstance());
        }
        first.get(30, TimeUnit.MINUTES);
        cluster.awaitAllReady();
        await("the first half consumed").atMost(CATCH_UP).pollInterval(Duration.ofSeconds(5))
                .until(cluster::caughtUp);
        Delivery afterGracefulStops = Delivery.read(cluster.bootstrapServers());
        long gracefulDuplicates = afterGracefulStops.actionIds().size()
                - afterGracefulStops.actionIds().stream().distinct().count();

        var second = produce(records, EVENTS - half);
        for (int i = 0; i < KILLS; i++) {
            pause(producingHalf.dividedBy(KILLS + 1));
            killAndRestartRandomInstance();
        }
        second.get(30, TimeUnit.MINUTES);
        expected.complete(generator.report());
        Delivery.Report report = awaitConsumedDelivery();

        String injected = "none";
        if (report.duplicates() == 0) {
            ConsumerRecord<byte[], byte[]> action = TopicRecords.readAll(cluster.bootstrapServers(),
                    Topics.REAL_TIME_ACTIONS.name()).get(0);
            TopicRecords.produce(cluster.bootstrapServers(), List.of(new ProducerRecord<>(
                    Topics.REAL_TIME_ACTIONS.name(), action.key(), action.value())));
            injected = new String(action.key()) + " (no duplicate happened in this run)";
            report = Delivery.read(cluster.bootstrapServers()).compareWith(expected);
        }
        writeReport("""
                at-least-once crash test, seed %d
                graceful stops %s, duplicate actions after them %d
                faults:
                  %s
                expected actions %d; %s
                duplicates reported %d, injected duplicate: %s
                queries during the run: %s
                """.formatted(SEED, gracefulStops, gracefulDuplicates, String.join("\n  ", faults),
                expected.actionIds().size(), report, report.duplicates(), injected, queries));

        assertThat(gracefulDuplicates).as("duplicates after graceful restarts only").isZero();
        assertThat(report.duplicates()).as("the checker reports duplicates").isPositive();
    }
}
