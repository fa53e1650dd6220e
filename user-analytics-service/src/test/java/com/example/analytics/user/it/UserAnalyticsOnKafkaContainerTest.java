package com.example.analytics.user.it;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The user-analytics scenario on the official Kafka image, where a Docker engine is available; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class UserAnalyticsOnKafkaContainerTest extends UserAnalyticsScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
