package com.example.analytics.benchmarks;

import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.topics.Topics;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The embedded KRaft broker of a benchmark's {@code main}, set up like {@link KafkaBrokerTest}'s, with the project's
 * topics (6 partitions) created so that pre-filling them does not race the services' own topic creation.
 */
public final class BenchmarkBroker implements AutoCloseable {

    private final EmbeddedKafkaBroker broker;

    private BenchmarkBroker(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    public static BenchmarkBroker start() {
        EmbeddedKafkaBroker broker = new EmbeddedKafkaKraftBroker(1, 6)
                .brokerProperties(Map.of("transaction.state.log.replication.factor", "1",
                        "transaction.state.log.min.isr", "1", "offsets.topic.replication.factor", "1",
                        "group.initial.rebalance.delay.ms", "0", "auto.create.topics.enable", "false"));
        broker.afterPropertiesSet();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString()))) {
            TopicAdmin.createMissing(admin, Topics.ALL, 6, Optional.empty(), Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            broker.destroy();
            throw e;
        }
        return new BenchmarkBroker(broker);
    }

    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
