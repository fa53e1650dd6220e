package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.support.test.KafkaBrokerTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

@KafkaBrokerTest
class BrokerInputProgressTest {

    private static final String TOPIC = "input-progress-test";
    private static final String APPLICATION = "input-progress-app";

    @Test
    void aPartitionIsConsumedToItsEndOnceTheApplicationHasCommittedItsLastOffset() throws Exception {
        Map<String, Object> config = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                EmbeddedKafkaCondition.getBroker().getBrokersAsString());
        TopicPartition filled = new TopicPartition(TOPIC, 0);
        TopicPartition empty = new TopicPartition(TOPIC, 1);
        try (Admin admin = Admin.create(config);
             BrokerInputProgress progress = new BrokerInputProgress(config, APPLICATION, Duration.ofMillis(100))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG)),
                    new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, 0, "k", "v" + i)).get();
                }
            }

            // both asked about before the first answer, so the one that comes covers both
            assertThat(progress.consumedToEnd(filled)).isFalse();
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.consumedToEnd(empty));
            assertThat(progress.consumedToEnd(filled)).as("three records, none committed").isFalse();

            admin.alterConsumerGroupOffsets(APPLICATION, Map.of(filled, new OffsetAndMetadata(2))).all().get();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2))
                    .until(() -> !progress.consumedToEnd(filled));

            admin.alterConsumerGroupOffsets(APPLICATION, Map.of(filled, new OffsetAndMetadata(3))).all().get();
            await().atMost(Duration.ofSeconds(10)).until(() -> progress.consumedToEnd(filled));
        }
    }
}
