package com.example.analytics.fraud.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the fraud-service REST API; see {@link RestFuzzScenario}. */
class FraudRestFuzzTest extends RestFuzzScenario {

    @Override
    protected Class<?> application() {
        return com.example.analytics.fraud.FraudServiceApplication.class;
    }

    @Override
    protected String serviceName() {
        return "fraud-service";
    }

    @Override
    protected List<String> inputTopics() {
        return List.of(Topics.USER_EVENTS.name());
    }

    @Override
    protected List<String> endpoints() {
        return List.of("/api/fraud/users/{id}", "/api/fraud/alerts");
    }

    @Override
    protected Map<String, Integer> limitCaps() {
        return Map.of("/api/fraud/alerts", 1000);
    }

    @Override
    protected List<String> knownIds() {
        return List.of("user_1", "user_2", "user_12", "user", "alerts");
    }
}
