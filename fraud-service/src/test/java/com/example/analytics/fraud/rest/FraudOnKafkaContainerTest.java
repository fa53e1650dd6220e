package com.example.analytics.fraud.rest;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The fraud scenario on the official Kafka image, where a Docker engine is available; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class FraudOnKafkaContainerTest extends FraudScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
