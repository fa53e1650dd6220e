package com.example.analytics.product.rest;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The product scenario on the official Kafka image, where a Docker engine is available; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class ProductOnKafkaContainerTest extends ProductScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
