package com.example.analytics.benchmarks;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.loadgen.sink.Pacer;
import com.example.analytics.model.Action;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.streams.ProductStats;
import com.example.analytics.product.streams.ProductTopology;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Latency with the four services running and caught up: generated traffic is sent open loop (on its own schedule,
 * whatever the services do) at a share of the rate the system sustained while catching up, and probes are mixed in:
 *
 * <ul>
 *   <li><b>event to action</b>: a suspicious login and a large transaction of a new user; the clock runs from the
 *       transaction's send to the {@code suspicious_login_transaction} action reaching a read_committed consumer;
 *   <li><b>event to queryable</b>: the first view of a new product; the clock runs from its send to the product
 *       being readable in the product service's store (interactive query in this JVM).
 * </ul>
 * Probe subjects are new, so every probe yields exactly one sample or is reported missing.
 */
final class LatencyProbe {

    private static final Duration PROBE_EVERY = Duration.ofMillis(20);
    private static final Duration STRAGGLERS = Duration.ofSeconds(10);
    private static final long MAX_NANOS = Duration.ofMinutes(1).toNanos();

    private final String bootstrap;
    private final PrintStream out;

    LatencyProbe(String bootstrap, PrintStream out) {
        this.bootstrap = bootstrap;
        this.out = out;
    }

    /** One load level: {@code share} of {@code sustainedPerSecond} for {@code duration}. */
    void measure(double share, double sustainedPerSecond, Duration duration, KafkaStreams product)
            throws InterruptedException {
        double rate = share * sustainedPerSecond;
        String run = "probe" + System.nanoTime() % 100_000;
        Map<String, Long> actionSent = new ConcurrentHashMap<>();
        Map<String, Long> viewSent = new ConcurrentHashMap<>();
        Histogram toAction = new Histogram(MAX_NANOS, 3);
        Histogram toQueryable = new Histogram(MAX_NANOS, 3);
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicBoolean watching = new AtomicBoolean(true);

        KafkaConsumer<String, Action> consumer = actionsFromNowOn();
        Thread actions = start("latency-actions", () -> watchActions(consumer, run, actionSent, toAction, watching));
        Thread queryable = start("latency-queryable", () -> watchQueryable(product, viewSent, toQueryable, watching));
        Thread background = start("latency-load", () -> sendLoad(rate, sending));
        long sentProbes = sendProbes(run, duration, actionSent, viewSent);
        sending.set(false);
        background.join();
        long deadline = System.nanoTime() + STRAGGLERS.toNanos();
        while ((!actionSent.isEmpty() || !viewSent.isEmpty()) && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        watching.set(false);
        actions.join();
        queryable.join();
        out.printf(Locale.ROOT, "latency at %.0f%% load (%,.0f events/s for %d s, %d probes):%n", share * 100, rate,
                duration.toSeconds(), sentProbes);
        print("event to action", toAction, actionSent.size());
        print("event to queryable", toQueryable, viewSent.size());
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.start();
        return thread;
    }

    /** Positioned at the end of every partition before the first probe, so no action can slip past it. */
    private KafkaConsumer<String, Action> actionsFromNowOn() {
        KafkaConsumer<String, Action> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                Topics.REAL_TIME_ACTIONS.valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REAL_TIME_ACTIONS.name()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private void print(String what, Histogram histogram, int missing) {
        out.printf(Locale.ROOT, "    %-20s p50 %7.1f ms  p99 %7.1f ms  p99.9 %7.1f ms  max %7.1f ms  (%d samples, %d"
                        + " missing)%n", what, ms(histogram.getValueAtPercentile(50)),
                ms(histogram.getValueAtPercentile(99)), ms(histogram.getValueAtPercentile(99.9)),
                ms(histogram.getMaxValue()), histogram.getTotalCount(), missing);
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    /** Open loop: each generated record is sent when its event time comes, however far behind the services are. */
    private void sendLoad(double rate, AtomicBoolean sending) {
        GeneratorConfig config = GeneratorConfig.builder().seed(System.nanoTime()).events(0).eventsPerSecond(rate)
                .start(Instant.now()).badFraction(0.01).build();
        Iterator<GeneratedRecord> records = new LoadGenerator(config).iterator();
        Pacer pacer = Pacer.live();
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            while (sending.get() && records.hasNext()) {
                GeneratedRecord record = records.next();
                pacer.await(record.eventTimeMillis());
                sink.send(record);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private long sendProbes(String run, Duration duration, Map<String, Long> actionSent, Map<String, Long> viewSent)
            throws InterruptedException {
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                String user = run + "-user-" + sent;
                String productId = run + "-product-" + sent;
                double now = System.currentTimeMillis() / 1000.0;
                producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(), user, event("user_id", user, "login",
                        now, "\"suspicious\":true")));
                actionSent.put(user, System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(), user, event("user_id", user,
                        "transaction", now, "\"amount\":5000")));
                viewSent.put(productId, System.nanoTime());
                producer.send(new ProducerRecord<>(Topics.PRODUCT_EVENTS.name(), productId, event("product_id",
                        productId, "product_view", now, "\"user_id\":\"" + user + "\"")));
                sent++;
                Thread.sleep(PROBE_EVERY.toMillis());
            }
        }
        return sent;
    }

    private static String event(String idField, String id, String type, double timestamp, String data) {
        return String.format(Locale.ROOT, "{\"%s\":\"%s\",\"event_type\":\"%s\",\"timestamp\":%.3f,\"data\":{%s}}",
                idField, id, type, timestamp, data);
    }

    private static void watchActions(KafkaConsumer<String, Action> actions, String run, Map<String, Long> sent,
                                     Histogram latency, AtomicBoolean watching) {
        try (KafkaConsumer<String, Action> consumer = actions) {
            while (watching.get()) {
                for (ConsumerRecord<String, Action> record : consumer.poll(Duration.ofMillis(20))) {
                    long now = System.nanoTime();
                    if (record.key() != null && record.key().startsWith(run) && record.value() != null
                            && "suspicious_login_transaction".equals(record.value().rule())) {
                        Long at = sent.remove(record.key());
                        if (at != null) {
                            latency.recordValue(Math.min(MAX_NANOS, now - at));
                        }
                    }
                }
            }
        }
    }

    private static void watchQueryable(KafkaStreams product, Map<String, Long> sent, Histogram latency,
                                       AtomicBoolean watching) {
        ReadOnlyKeyValueStore<String, ProductStats> store = product.store(StoreQueryParameters.fromNameAndType(
                ProductTopology.PRODUCTS_STORE, QueryableStoreTypes.<String, ProductStats>keyValueStore()));
        while (watching.get()) {
            for (Map.Entry<String, Long> probe : sent.entrySet()) {
                if (store.get(probe.getKey()) != null && sent.remove(probe.getKey()) != null) {
                    latency.recordValue(Math.min(MAX_NANOS, System.nanoTime() - probe.getValue()));
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos());
        }
    }
}
