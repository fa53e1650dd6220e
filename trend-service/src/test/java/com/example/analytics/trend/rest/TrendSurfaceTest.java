package com.example.analytics.trend.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.ServiceSurfaceScenario;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.trend.TrendServiceApplication;
import java.util.List;
import java.util.Map;

/** The trend-service API docs, info and metrics; see {@link ServiceSurfaceScenario}. */
@KafkaBrokerTest
class TrendSurfaceTest extends ServiceSurfaceScenario {

    TrendSurfaceTest() {
        super(TrendServiceApplication.class, "trend-service",
                List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name()),
                Map.of("trendKey", "user_page_view"), Map.of());
    }
}
