package com.example.analytics.trend.bench;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.trend.TrendServiceApplication;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * Records/s through the trend service with per-partition pre-aggregation versus re-keying every event, on the same
 * pre-filled topics in the same run, each catching up from offset 0 (time from start until every event is counted,
 * start-up included), next to a raw consumer reading the same topics. Not a test: run with
 * {@code ./mvnw -q -pl trend-service -am test-compile} and then
 * {@code java -cp "$(cat trend-service/target/bench.classpath):trend-service/target/classes:trend-service/target/test-classes"
 * com.example.analytics.trend.bench.PreAggregationBenchmark [events]}
 * after {@code ./mvnw -q -pl trend-service dependency:build-classpath -Dmdep.outputFile=target/bench.classpath
 * -Dmdep.includeScope=test}.
 */
public final class PreAggregationBenchmark {

    private PreAggregationBenchmark() {
    }

    public static void main(String[] args) {
        long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                .brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
                        "group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try {
            String bootstrap = broker.getBrokersAsString();
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicAdmin.createMissing(admin, Topics.ALL, 6, Optional.empty(), Duration.ofSeconds(30));
            }
            Map<String, Long> expected = new HashMap<>();
            GeneratorConfig config = GeneratorConfig.builder().seed(99).events(events).eventsPerSecond(400)
                    .start(Instant.now().minus(Duration.ofHours(3))).build();
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
        } finally {
            broker.destroy();
        }
    }

    private static void count(GeneratedRecord record, Map<String, Long> expected) {
        // bad records go to the DLQ and records beyond grace are dropped as late: neither is counted
        if (!record.isBad() && record.timing() != GeneratedRecord.Timing.LATE) {
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
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            Map<String, Long> totals = totals(instance);
            while (!expected.equals(totals)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("not caught up after 10 minutes: " + totals + " vs " + expected);
                }
                sleepQuietly();
                totals = totals(instance);
            }
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

    private static void sleepQuietly() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
