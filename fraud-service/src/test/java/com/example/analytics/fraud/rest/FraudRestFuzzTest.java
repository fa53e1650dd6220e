package com.example.analytics.fraud.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the fraud-service REST API; see {@link RestFuzzScenario}. */
class FraudRestFuzzTest extends RestFuzzScenario {

    FraudRestFuzzTest() {
        super(FraudServiceApplication.class, "fraud-service", List.of(Topics.USER_EVENTS.name()),
                List.of("/api/fraud/users/{id}", "/api/fraud/alerts"),
                Map.of("/api/fraud/alerts", 1000),
                List.of("user_1", "user_2", "user_12", "user", "alerts"));
    }
}
