package com.example.analytics.fraud.rest;

import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.test.KafkaBrokerTest;

/** The fraud scenario with {@code analytics.streams.state-stores=in-memory}: the same alerts, once each. */
@KafkaBrokerTest
class FraudInMemoryOnEmbeddedKafkaTest extends FraudOnEmbeddedKafkaTest {

    @Override
    protected StateStores stateStores() {
        return StateStores.IN_MEMORY;
    }
}
