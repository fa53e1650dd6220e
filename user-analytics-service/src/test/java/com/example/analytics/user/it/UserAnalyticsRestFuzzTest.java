package com.example.analytics.user.it;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.user.UserAnalyticsApplication;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the user-analytics-service REST API; see {@link RestFuzzScenario}. */
class UserAnalyticsRestFuzzTest extends RestFuzzScenario {

    UserAnalyticsRestFuzzTest() {
        super(UserAnalyticsApplication.class, "user-analytics-service", List.of(Topics.USER_EVENTS.name()),
                List.of("/api/users/{id}/session", "/api/users/{id}/sessions", "/api/sessions/active"),
                Map.of("/api/users/user_1/sessions", 20),
                List.of("user_1", "user_2", "user_12", "current-session", "recent-sessions", "session-census"));
    }
}
