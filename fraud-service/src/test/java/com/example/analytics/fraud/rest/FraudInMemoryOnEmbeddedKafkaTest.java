package com.example.analytics.fraud.rest;

import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The fraud scenario with {@code analytics.streams.state-stores=in-memory}: the same alerts, once each. */
@KafkaBrokerTest
class FraudInMemoryOnEmbeddedKafkaTest extends FraudScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }

    @Override
    protected StateStores stateStores() {
        return StateStores.IN_MEMORY;
    }
}
