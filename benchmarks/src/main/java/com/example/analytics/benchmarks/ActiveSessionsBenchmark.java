package com.example.analytics.benchmarks;

import static org.awaitility.Awaitility.await;

import com.example.analytics.cli.Cli;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.user.UserAnalyticsApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * How fast {@code GET /api/sessions/active} answers with many users in the store (issue 5: under 50 ms with 100k).
 * A real broker in this JVM, one service instance, {@code users} users with a few events each, then the endpoint
 * timed end to end over HTTP (router, census reads of all six partitions, merge, JSON). How to run: README,
 * "Benchmarks".
 */
@Command(name = "ActiveSessionsBenchmark",
        customSynopsis = "java -cp CLASSPATH com.example.analytics.benchmarks.ActiveSessionsBenchmark [OPTIONS]",
        description = "How fast GET /api/sessions/active answers with many users in the store, over HTTP on one "
                + "instance.")
public final class ActiveSessionsBenchmark implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", paramLabel = "N", defaultValue = "100000", order = 1,
            description = "users in the store, three events each (default ${DEFAULT-VALUE})")
    private int users;

    @Option(names = "--calls", paramLabel = "N", defaultValue = "2000", order = 2,
            description = "timed calls after a warm-up of 200 (default ${DEFAULT-VALUE})")
    private int calls;

    public static void main(String[] args) {
        Cli.run(new ActiveSessionsBenchmark(), args);
    }

    @Override
    public Integer call() {
        Cli.require(spec, users >= 1, "--users", "must be 1 or more");
        Cli.require(spec, calls >= 1, "--calls", "must be 1 or more");
        try (BenchmarkBroker broker = BenchmarkBroker.start();
             ServiceInstance service = ServiceInstance.start(UserAnalyticsApplication.class,
                     broker.bootstrapServers(), "active-sessions-bench", Map.of())) {
            await().atMost(Duration.ofMinutes(2)).until(() -> service.streams().isReady());
            long produced = System.nanoTime();
            produce(broker.bootstrapServers(), users, 1_795_000_000_000L);
            String url = service.baseUrl() + "/api/sessions/active";
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Http.Response response = Http.get(url);
                return response.status() == 200 && response.json().get("total_users").asLong() == users;
            });
            System.out.printf("loaded: %d users (%d events) processed in %.1f s%n", users, users * 3L,
                    (System.nanoTime() - produced) / 1e9);
            Latencies.measure(url, "GET /api/sessions/active", 200, calls);
        }
        return 0;
    }

    /** Three page views per user, a second apart, users spread over 40 minutes so some sessions are inactive. */
    private static void produce(String bootstrap, int users, long start) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < users; i++) {
                String user = "user_" + i;
                long first = start + (long) i * 2_400_000L / users;
                for (int n = 0; n < 3; n++) {
                    double seconds = (first + n * 1_000L) / 1000.0;
                    String json = "{\"user_id\":\"" + user + "\",\"event_type\":\"page_view\",\"timestamp\":"
                            + seconds + ",\"data\":{\"page\":\"/p" + n + "\",\"device\":\"mobile\"}}";
                    producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(),
                            user.getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8)));
                }
            }
            producer.flush();
        }
    }
}
