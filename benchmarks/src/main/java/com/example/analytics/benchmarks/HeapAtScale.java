package com.example.analytics.benchmarks;

import com.example.analytics.cli.Progress;
import com.example.analytics.model.topics.Topics;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The heap a service needs for a given number of users with state, and how long a restarted instance takes to get
 * it back: the generated traffic gives each user many events, so a million events reach only a few tens of
 * thousands of users. Here every user of the population sends two page views ten seconds apart, all within half an
 * hour of event time, so each one holds a session and fraud state when the services have caught up; then the four
 * run as processes as deployed ({@link ServiceProcesses}), which reports heap after a full GC, and are restarted on
 * their state.
 */
final class HeapAtScale {

    /** Event time the users' events spread over: within an hour, so fraud's state of every user is still there. */
    private static final Duration SPREAD = Duration.ofMinutes(30);

    private HeapAtScale() {
    }

    static void run(int users, PrintStream out) {
        try (BenchmarkBroker broker = BenchmarkBroker.start();
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                     broker.bootstrapServers()))) {
            out.printf("%n== heap at scale: %,d users with state, two events each%n", users);
            write(broker.bootstrapServers(), users);
            CatchUpBenchmark.Result result = new ServiceProcesses(broker.bootstrapServers(),
                    Files.createTempDirectory("analytics-heap"), ServiceProcesses.PRODUCTION_JVM)
                    .run(1, CatchUpBenchmark.endOffsets(admin));
            result.details().forEach(detail -> out.println("    " + detail));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(String bootstrap, int users) {
        long start = Instant.now().minus(Duration.ofHours(2)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024), new ByteArraySerializer(), new ByteArraySerializer());
             Progress progress = Progress.start("users", users)) {
            for (int i = 0; i < users; i++) {
                String user = "user_" + i;
                long first = start + i * SPREAD.toMillis() / users;
                for (long time : new long[] {first, first + 10_000}) {
                    String value = String.format(Locale.ROOT, "{\"user_id\":\"%s\",\"event_type\":\"page_view\","
                            + "\"timestamp\":%.3f,\"data\":{\"page\":\"/p/%d\",\"device\":\"mobile\",\"location\":"
                            + "\"city_%d\"}}", user, time / 1000.0, i % 50, i % 20);
                    producer.send(new ProducerRecord<>(Topics.USER_EVENTS.name(),
                            user.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
                }
                progress.advance();
            }
            producer.flush();
        }
    }
}
