package com.example.analytics.support.query;

import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The routing scenario on the embedded KRaft broker, which every machine has. */
@KafkaBrokerTest
class RoutingOnEmbeddedKafkaTest extends RoutingScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }
}
