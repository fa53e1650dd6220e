package com.example.analytics.trend.rest;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/** The trend scenario on the official Kafka image, where a Docker engine is available; skipped otherwise. */
@Testcontainers(disabledWithoutDocker = true)
class TrendOnKafkaContainerTest extends TrendScenario {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.2");

    @Override
    protected String bootstrapServers() {
        return KAFKA.getBootstrapServers();
    }
}
