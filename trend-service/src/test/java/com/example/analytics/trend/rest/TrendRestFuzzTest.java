package com.example.analytics.trend.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.trend.TrendServiceApplication;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the trend-service REST API; see {@link RestFuzzScenario}. */
class TrendRestFuzzTest extends RestFuzzScenario {

    TrendRestFuzzTest() {
        super(TrendServiceApplication.class, "trend-service",
                List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name()),
                List.of("/api/trends", "/api/trends/{id}"),
                Map.of(),
                List.of("user_page_view", "product_product_view", "user_click", "trends", "trend"));
    }
}
