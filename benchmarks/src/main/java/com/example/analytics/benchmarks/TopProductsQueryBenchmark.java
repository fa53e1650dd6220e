package com.example.analytics.benchmarks;

import static org.awaitility.Awaitility.await;

import com.example.analytics.cli.Cli;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;

/**
 * Latency of {@code GET /api/products/top} over HTTP with 100k viewed products (Zipf-like popularity, all within
 * the hour), one instance on an embedded broker. How to run: README, "Benchmarks".
 */
@Command(name = "TopProductsQueryBenchmark",
        customSynopsis = "java -cp CLASSPATH com.example.analytics.benchmarks.TopProductsQueryBenchmark [OPTIONS]",
        description = "Latency of GET /api/products/top and /api/products/count over HTTP with 100k viewed "
                + "products, one instance.")
public final class TopProductsQueryBenchmark implements Callable<Integer> {

    private static final int PRODUCTS = 100_000;
    private static final int VIEWS = 400_000;
    private static final int QUERIES = 1_000;

    /** No options but help and version, so that a stray argument is refused rather than ignored. */
    public static void main(String[] args) {
        Cli.run(new TopProductsQueryBenchmark(), args);
    }

    @Override
    public Integer call() {
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
                    Latencies.measure(instance.baseUrl() + "/api/products/top?limit=" + limit, "top?limit=" + limit, 100,
                            QUERIES);
                }
                Latencies.measure(instance.baseUrl() + "/api/products/count", "count", 100, QUERIES);
            }
        }
        return 0;
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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
