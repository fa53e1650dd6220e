package com.example.analytics.benchmarks;

import static org.awaitility.Awaitility.await;

import com.example.analytics.cli.Cli;
import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.Scenario;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.trend.TrendServiceApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * Records/s through the trend service with per-partition pre-aggregation versus re-keying every event, on the same
 * pre-filled topics in the same run, each catching up from offset 0 (time from start until every event is counted,
 * start-up included), next to a raw consumer reading the same topics. How to run: README, "Benchmarks".
 */
@Command(name = "PreAggregationBenchmark",
        customSynopsis = "java -cp CLASSPATH com.example.analytics.benchmarks.PreAggregationBenchmark [OPTIONS]",
        description = "The trend service pre-aggregated versus re-keying every event, next to a raw consumer, on the "
                + "same pre-filled topics.")
public final class PreAggregationBenchmark implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--events", paramLabel = "N", defaultValue = "1000000", order = 1,
            description = "records to pre-fill (default ${DEFAULT-VALUE})")
    private long events;

    public static void main(String[] args) {
        Cli.run(new PreAggregationBenchmark(), args);
    }

    @Override
    public Integer call() {
        Cli.require(spec, events >= 1, "--events", "must be 1 or more");
        try (BenchmarkBroker broker = BenchmarkBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            Map<String, Long> expected = new HashMap<>();
            // Every scenario but records beyond grace: whether one of those is dropped depends on its partition's
            // stream time, which the expected totals cannot know.
            GeneratorConfig config = GeneratorConfig.builder().seed(99).events(events).eventsPerSecond(400)
                    .start(Instant.now().minus(Duration.ofHours(3)))
                    .scenarios(EnumSet.complementOf(EnumSet.of(Scenario.LATE))).build();
            try (KafkaSink sink = KafkaSink.to(bootstrap)) {
                new LoadGenerator(config).stream().forEach(record -> {
                    sink.send(record);
                    count(record, expected);
                });
                sink.flush();
            }
            System.out.printf("pre-filled %,d records (%,d valid) over %d trend keys%n", events,
                    expected.values().stream().mapToLong(Long::longValue).sum(), expected.size());
            for (int round = 1; round <= 2; round++) {
                report("B0 raw consumer", events, rawConsumer(bootstrap, events));
                for (boolean preAggregate : new boolean[] {true, false}) {
                    report(preAggregate ? "trend, pre-aggregated" : "trend, re-key every event", events,
                            trendService(bootstrap, preAggregate, round, expected));
                }
            }
        }
        return 0;
    }

    private static void count(GeneratedRecord record, Map<String, Long> expected) {
        if (!record.isBad()) {
            String prefix = record.topic().equals(Topics.USER_EVENTS.name()) ? "user_" : "product_";
            expected.merge(prefix + record.event().eventType(), 1L, Long::sum);
        }
    }

    private static void report(String name, long records, double seconds) {
        System.out.printf("%-28s %8.1f s %,10.0f records/s%n", name, seconds, records / seconds);
    }

    private static double rawConsumer(String bootstrap, long records) {
        long start = System.nanoTime();
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-raw-" + start, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        long seen = 0;
        try (var consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name()));
            while (seen < records) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static double trendService(String bootstrap, boolean preAggregate, int round, Map<String, Long> expected) {
        long start = System.nanoTime();
        try (ServiceInstance instance = ServiceInstance.start(TrendServiceApplication.class, bootstrap,
                "bench-trend-" + preAggregate + "-" + round, Map.of("spring.application.name", "trend-service",
                        "analytics.trend.pre-aggregate", Boolean.toString(preAggregate)))) {
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                    .until(() -> expected.equals(totals(instance)));
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static Map<String, Long> totals(ServiceInstance instance) {
        Map<String, Long> totals = new HashMap<>();
        JsonNode trends = Http.get(instance.baseUrl() + "/api/trends").json().path("trends");
        for (JsonNode trend : trends) {
            String key = trend.path("trend_key").asString();
            long total = 0;
            for (JsonNode minute : Http.get(instance.baseUrl() + "/api/trends/" + key).json().path("per_minute")) {
                total += minute.path("events").asLong();
            }
            totals.put(key, total);
        }
        return totals;
    }
}
