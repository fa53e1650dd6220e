package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.support.test.KafkaBrokerTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * The crash a {@link WriteBehindCache} must survive: a stream thread dies in the middle of its input under
 * exactly-once, after commits whose offsets cover counts that were only on the heap when they were processed. Its
 * replacement restores the store behind from the changelog and processes again from the last commit; the counts
 * must come out exact. A cache written only at checkpoints (which exactly-once does not take at every commit) loses
 * the counts of everything committed before the crash here.
 */
@KafkaBrokerTest
class WriteBehindCacheOnEmbeddedKafkaTest {

    private static final int KEYS = 30;
    private static final int PER_BATCH = 3000;

    @ParameterizedTest
    @EnumSource(StateStores.class)
    void countsAreExactAfterTheStreamThreadCrashesBetweenCommits(StateStores kind, @TempDir Path state)
            throws Exception {
        String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        String topic = "write-behind-" + kind.propertyValue();
        String application = "write-behind-crash-" + kind.propertyValue();
        AtomicBoolean crashed = new AtomicBoolean();
        Map<String, Long> expected = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
             KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                     new StringSerializer())) {
            admin.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
            try (KafkaStreams streams = new KafkaStreams(WriteBehindCounting.build(topic, kind, 10,
                    value -> value.equals("crash") && crashed.compareAndSet(false, true)),
                    config(bootstrap, application, state))) {
                streams.setUncaughtExceptionHandler(exception ->
                        StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD);
                streams.start();

                send(producer, topic, expected, 0);
                awaitCommitted(admin, application, PER_BATCH);
                // the thread dies here, with everything before it committed and nothing after
                producer.send(new ProducerRecord<>(topic, "key-0", "crash")).get();
                expected.merge("key-0", 1L, Long::sum);
                send(producer, topic, expected, 1);
                awaitCommitted(admin, application, 2 * PER_BATCH + 1);

                assertThat(crashed).as("the stream thread crashed and was replaced").isTrue();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(counts(streams)).isEqualTo(expected));
            }
        }
    }

    private static void send(KafkaProducer<String, String> producer, String topic, Map<String, Long> expected,
                             int batch) throws Exception {
        for (int i = 0; i < PER_BATCH; i++) {
            String key = "key-" + (i * 7 + batch) % KEYS;
            producer.send(new ProducerRecord<>(topic, key, "x"));
            expected.merge(key, 1L, Long::sum);
        }
        producer.flush();
    }

    private static void awaitCommitted(Admin admin, String application, long records) {
        await().atMost(Duration.ofSeconds(60)).until(() -> admin.listConsumerGroupOffsets(application)
                .partitionsToOffsetAndMetadata().get().values().stream().mapToLong(OffsetAndMetadata::offset)
                .sum() == records);
    }

    private static Map<String, Long> counts(KafkaStreams streams) {
        ReadOnlyKeyValueStore<String, Long> store = streams.store(StoreQueryParameters.fromNameAndType(
                WriteBehindCounting.STORE, QueryableStoreTypes.keyValueStore()));
        Map<String, Long> counts = new HashMap<>();
        try (var all = store.all()) {
            all.forEachRemaining(entry -> counts.put(entry.key, entry.value));
        }
        return counts;
    }

    private static Properties config(String bootstrap, String application, Path state) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, application);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());
        // The crashed thread's member leaves only when its session times out; the broker's minimum keeps it short.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        return props;
    }
}
