package com.example.analytics.product.rest;

import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The product scenario on the embedded KRaft broker, which every machine has. */
@KafkaBrokerTest
class ProductOnEmbeddedKafkaTest extends ProductScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }
}
