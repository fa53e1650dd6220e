package com.example.analytics.fraud.rest;

import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The fraud scenario on the embedded KRaft broker, which every machine has. */
@KafkaBrokerTest
class FraudOnEmbeddedKafkaTest extends FraudScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }
}
