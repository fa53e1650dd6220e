package com.example.analytics.user.bench;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.user.UserAnalyticsApplication;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * How fast {@code GET /api/sessions/active} answers with many users in the store (issue 5: under 50 ms with 100k).
 * A real broker in this JVM, one service instance, {@code USERS} users with a few events each, then the endpoint
 * timed end to end over HTTP (router, census reads of all six partitions, merge, JSON). Not a test: run it with
 *
 * <pre>
 * ./mvnw -q -pl user-analytics-service -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp user-analytics-service/target/test-classes:user-analytics-service/target/classes:$(cat /tmp/cp.txt) \
 *     com.example.analytics.user.bench.ActiveSessionsBenchmark [users] [calls]
 * </pre>
 */
public final class ActiveSessionsBenchmark {

    private ActiveSessionsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int calls = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                .brokerProperties(Map.of(
                        "transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1",
                        "offsets.topic.replication.factor", "1",
                        "group.initial.rebalance.delay.ms", "0",
                        "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try (ServiceInstance service = ServiceInstance.start(UserAnalyticsApplication.class,
                broker.getBrokersAsString(), "active-sessions-bench", Map.of())) {
            awaitReady(service);
            long start = 1_795_000_000_000L;
            long produced = System.nanoTime();
            produce(broker.getBrokersAsString(), users, start);
            String url = service.baseUrl() + "/api/sessions/active";
            long expectedUsers = users;
            while (true) {
                Http.Response response = Http.get(url);
                if (response.status() == 200 && response.json().get("total_users").asLong() == expectedUsers) {
                    System.out.println("state:  " + response.body());
                    break;
                }
                Thread.sleep(200);
            }
            System.out.printf("loaded: %d users (%d events) processed in %.1f s%n", users, users * 3L,
                    (System.nanoTime() - produced) / 1e9);

            for (int i = 0; i < 200; i++) {
                Http.get(url);
            }
            long[] nanos = new long[calls];
            for (int i = 0; i < calls; i++) {
                long t = System.nanoTime();
                Http.Response response = Http.get(url);
                nanos[i] = System.nanoTime() - t;
                if (response.status() != 200) {
                    throw new IllegalStateException("answer " + response.status() + ": " + response.body());
                }
            }
            Arrays.sort(nanos);
            System.out.printf("GET /api/sessions/active with %d users, %d calls: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    users, calls, nanos[calls / 2] / 1e6, nanos[calls * 99 / 100] / 1e6, nanos[calls - 1] / 1e6);
        } finally {
            broker.destroy();
        }
    }

    private static void awaitReady(ServiceInstance service) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!service.streams().isReady()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("service not ready");
            }
            Thread.sleep(100);
        }
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
