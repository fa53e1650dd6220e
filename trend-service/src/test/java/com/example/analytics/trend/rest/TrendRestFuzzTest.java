package com.example.analytics.trend.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the trend-service REST API; see {@link RestFuzzScenario}. */
class TrendRestFuzzTest extends RestFuzzScenario {

    @Override
    protected Class<?> application() {
        return com.example.analytics.trend.TrendServiceApplication.class;
    }

    @Override
    protected String serviceName() {
        return "trend-service";
    }

    @Override
    protected List<String> inputTopics() {
        return List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name());
    }

    @Override
    protected List<String> endpoints() {
        return List.of("/api/trends", "/api/trends/{id}");
    }

    @Override
    protected Map<String, Integer> limitCaps() {
        return Map.of();
    }

    @Override
    protected List<String> knownIds() {
        return List.of("user_page_view", "product_product_view", "user_click", "trends", "trend");
    }
}
