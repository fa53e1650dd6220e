package com.example.analytics.fraud.rest;

import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.ServiceSurfaceScenario;
import com.example.analytics.support.test.KafkaBrokerTest;
import java.util.List;
import java.util.Map;

/** The fraud-service API docs, info and metrics; see {@link ServiceSurfaceScenario}. */
@KafkaBrokerTest
class FraudSurfaceTest extends ServiceSurfaceScenario {

    FraudSurfaceTest() {
        super(FraudServiceApplication.class, "fraud-service", List.of(Topics.USER_EVENTS.name()),
                Map.of("userId", "user_1"), Map.of("/api/fraud/alerts", 1000));
    }
}
