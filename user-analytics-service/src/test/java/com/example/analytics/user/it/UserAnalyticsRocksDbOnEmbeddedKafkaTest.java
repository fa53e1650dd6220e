package com.example.analytics.user.it;

import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.test.KafkaBrokerTest;
import java.util.Optional;

/**
 * The user-analytics scenario with {@code analytics.streams.state-stores=rocksdb}, the other kind than the one
 * deployed: the same actions and answers, and the census rebuilt from the sessions store when an instance leaves.
 */
@KafkaBrokerTest
class UserAnalyticsRocksDbOnEmbeddedKafkaTest extends UserAnalyticsOnEmbeddedKafkaTest {

    @Override
    protected Optional<StateStores> stateStores() {
        return Optional.of(StateStores.ROCKSDB);
    }
}
