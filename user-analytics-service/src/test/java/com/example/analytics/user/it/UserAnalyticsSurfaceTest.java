package com.example.analytics.user.it;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.ServiceSurfaceScenario;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.user.UserAnalyticsApplication;
import java.util.List;
import java.util.Map;

/** The user-analytics-service API docs, info and metrics; see {@link ServiceSurfaceScenario}. */
@KafkaBrokerTest
class UserAnalyticsSurfaceTest extends ServiceSurfaceScenario {

    UserAnalyticsSurfaceTest() {
        super(UserAnalyticsApplication.class, "user-analytics-service", List.of(Topics.USER_EVENTS.name()),
                Map.of("userId", "user_1"), Map.of("/api/users/{userId}/sessions", 20));
    }
}
