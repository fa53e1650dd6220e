package com.example.analytics.trend.rest;

import com.example.analytics.support.test.KafkaBrokerTest;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/** The trend scenario on the embedded KRaft broker, which every machine has. */
@KafkaBrokerTest
class TrendOnEmbeddedKafkaTest extends TrendScenario {

    @Override
    protected String bootstrapServers() {
        return EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    }
}
