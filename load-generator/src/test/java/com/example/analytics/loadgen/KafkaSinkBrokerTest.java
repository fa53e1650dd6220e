package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.loadgen.sink.KafkaSink;
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
