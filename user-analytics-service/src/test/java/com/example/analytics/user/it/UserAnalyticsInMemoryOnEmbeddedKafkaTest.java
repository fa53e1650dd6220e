package com.example.analytics.user.it;

import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.test.KafkaBrokerTest;

/**
 * The user-analytics scenario with {@code analytics.streams.state-stores=in-memory}: the same actions and answers,
 * and the census rebuilt from a store restored from its changelog when an instance leaves.
 */
@KafkaBrokerTest
class UserAnalyticsInMemoryOnEmbeddedKafkaTest extends UserAnalyticsOnEmbeddedKafkaTest {

    @Override
    protected StateStores stateStores() {
        return StateStores.IN_MEMORY;
    }
}
