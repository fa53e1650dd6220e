package com.example.analytics.product.bench;

import static org.awaitility.Awaitility.await;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.test.BenchmarkBroker;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Latency of {@code GET /api/products/top} over HTTP with 100k viewed products (Zipf-like popularity, all within
 * the hour), one instance on an embedded broker. Not a test: build the class path with
 * {@code ./mvnw -q -pl product-analytics-service -am test-compile dependency:build-classpath
 * -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test}, then run {@code java -cp "$(cat product-analytics-service/target/bench.classpath):
 * product-analytics-service/target/classes:product-analytics-service/target/test-classes"
 * com.example.analytics.product.bench.TopProductsQueryBenchmark}.
 */
public final class TopProductsQueryBenchmark {

    private static final int PRODUCTS = 100_000;
    private static final int VIEWS = 400_000;
    private static final int QUERIES = 1_000;

    private TopProductsQueryBenchmark() {
    }

    public static void main(String[] args) {
        try (BenchmarkBroker broker = BenchmarkBroker.start()) {
            String bootstrap = broker.bootstrapServers();
            prefill(bootstrap);
            try (ServiceInstance instance = ServiceInstance.start(ProductAnalyticsApplication.class, bootstrap,
                    "bench-top", Map.of("spring.application.name", "product-analytics-service"))) {
                long caughtUp = System.nanoTime();
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(250))
                        .until(() -> Http.get(instance.baseUrl() + "/api/products/count").json()
                                .path("total_products_viewed").asLong() >= PRODUCTS);
                System.out.printf("%,d views of %,d products processed in %.1f s%n", VIEWS, PRODUCTS,
                        (System.nanoTime() - caughtUp) / 1e9);
                for (int limit : new int[] {10, 100, 1000}) {
                    measure(instance.baseUrl() + "/api/products/top?limit=" + limit, "top?limit=" + limit);
                }
                measure(instance.baseUrl() + "/api/products/count", "count");
            }
        }
    }

    private static void prefill(String bootstrap) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        SplittableRandom random = new SplittableRandom(1);
        long start = Instant.now().minus(Duration.ofHours(2)).getEpochSecond();
        try (var producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < VIEWS; i++) {
                // Every product once, then Zipf-like repeats, all inside 30 minutes of event time.
                int product = i < PRODUCTS ? i : (int) (Math.pow(random.nextDouble(), 4) * PRODUCTS);
                String id = "product_" + product;
                String value = "{\"product_id\":\"" + id + "\",\"event_type\":\"product_view\",\"timestamp\":"
                        + (start + i * 1800L / VIEWS) + ",\"data\":{\"user_id\":\"user_" + random.nextInt(50_000)
                        + "\"}}";
                producer.send(new ProducerRecord<>(Topics.PRODUCT_EVENTS.name(), bytes(id), bytes(value)));
            }
        }
    }

    private static void measure(String url, String name) {
        for (int i = 0; i < 100; i++) {
            Http.get(url);
        }
        long[] nanos = new long[QUERIES];
        for (int i = 0; i < QUERIES; i++) {
            long start = System.nanoTime();
            int status = Http.get(url).status();
            nanos[i] = System.nanoTime() - start;
            if (status != 200) {
                throw new IllegalStateException(name + " answered " + status);
            }
        }
        Arrays.sort(nanos);
        System.out.printf("%-16s p50 %6.2f ms  p99 %6.2f ms  max %6.2f ms (%d calls)%n", name,
                nanos[QUERIES / 2] / 1e6, nanos[QUERIES * 99 / 100] / 1e6, nanos[QUERIES - 1] / 1e6, QUERIES);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
