package com.example.analytics.user.it;

import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The user-analytics scenario on the embedded KRaft broker, which every machine has. */
@KafkaBrokerTest
class UserAnalyticsOnEmbeddedKafkaTest extends UserAnalyticsScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }
}
