package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.model.topics.Topic;
import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.TopicRecords;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** What the generator sends is what lands on the broker: nothing lost, nothing doubled, keys kept. */
@KafkaBrokerTest
class KafkaSinkBrokerTest {

    private static final String NO_KEY = "<no key>";

    @Test
    void hundredThousandEventsArriveOncePerTopicAndKey() {
        String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            TopicAdmin.createMissing(admin, List.of(Topics.USER_EVENTS, Topics.PRODUCT_EVENTS), 6,
                    Optional.empty(), Duration.ofSeconds(30));
        }
        GeneratorConfig config = GeneratorConfig.builder().seed(11).users(2_000).products(300)
                .events(100_000).eventsPerSecond(500).build();

        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            new LoadGenerator(config).stream().forEach(sink::send);
            sink.flush();
        }

        Map<String, Map<String, Long>> expected = countByTopicAndKey(new LoadGenerator(config).stream()
                .map(record -> new TopicAndKey(record.topic(), record.key())));
        Map<String, Map<String, Long>> actual = countByTopicAndKey(
                Stream.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name())
                        .flatMap(topic -> TopicRecords.readAll(bootstrap, topic).stream())
                        .map(KafkaSinkBrokerTest::topicAndKey));

        assertThat(actual.values().stream().mapToLong(keys -> keys.values().stream().mapToLong(n -> n).sum()).sum())
                .isEqualTo(100_000);
        assertThat(actual.keySet()).containsExactlyInAnyOrder(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name());
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * Regression: right after creation a partition's leader could still answer NOT_LEADER_OR_FOLLOWER; the idempotent
     * producer then had a later batch accepted first and retried its first batch forever (OUT_OF_ORDER_SEQUENCE).
     * Without {@link TopicAdmin} waiting for the leaders this failed by the third pair of topics here.
     */
    @Test
    void aGeneratorWritingTheMomentItsTopicsAreCreatedLosesNothing() {
        String bootstrap = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
        GeneratorConfig config = GeneratorConfig.builder().seed(12).users(500).products(100).events(6_000)
                .eventsPerSecond(500).build();
        for (int attempt = 0; attempt < 8; attempt++) {
            String prefix = "fresh-" + attempt + "-";
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                TopicAdmin.createMissing(admin, Stream.of(Topics.USER_EVENTS, Topics.PRODUCT_EVENTS)
                        .<Topic<?, ?>>map(topic -> new Topic<>(prefix + topic.name(), Serdes.ByteArray(),
                                Serdes.ByteArray(), Map.of())).toList(), 6, Optional.empty(), Duration.ofSeconds(30));
            }
            // A hang shows as a delivery timeout in seconds instead of the default two minutes.
            try (KafkaSink sink = new KafkaSink(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000))) {
                new LoadGenerator(config).stream().map(record -> new GeneratedRecord(prefix + record.topic(),
                        record.key(), record.value(), record.eventTimeMillis(), record.event(), record.bad(),
                        record.timing(), record.scenario(), record.subject())).forEach(sink::send);
                sink.flush();
            }
            assertThat(Stream.of(Topics.USER_EVENTS, Topics.PRODUCT_EVENTS)
                    .mapToLong(topic -> TopicRecords.readAll(bootstrap, prefix + topic.name()).size()).sum())
                    .as("records on the %s* topics", prefix).isEqualTo(6_000);
        }
    }

    private static TopicAndKey topicAndKey(ConsumerRecord<byte[], byte[]> record) {
        return new TopicAndKey(record.topic(), record.key());
    }

    private static Map<String, Map<String, Long>> countByTopicAndKey(Stream<TopicAndKey> records) {
        return records.collect(Collectors.groupingBy(TopicAndKey::topic, TreeMap::new,
                Collectors.groupingBy(TopicAndKey::keyText, TreeMap::new,
                        Collectors.counting())));
    }

    private record TopicAndKey(String topic, byte[] key) {
        /** Bad records may carry no key or bytes that are not UTF-8; Base64 keeps them distinct and comparable. */
        String keyText() {
            return key == null ? NO_KEY : Base64.getEncoder().encodeToString(key);
        }
    }
}
