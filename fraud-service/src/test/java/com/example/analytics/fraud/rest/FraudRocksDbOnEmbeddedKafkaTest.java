package com.example.analytics.fraud.rest;

import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.test.KafkaBrokerTest;
import java.util.Optional;

/** The fraud scenario with {@code analytics.streams.state-stores=rocksdb}, not the deployed kind: the same alerts. */
@KafkaBrokerTest
class FraudRocksDbOnEmbeddedKafkaTest extends FraudOnEmbeddedKafkaTest {

    @Override
    protected Optional<StateStores> stateStores() {
        return Optional.of(StateStores.ROCKSDB);
    }
}
