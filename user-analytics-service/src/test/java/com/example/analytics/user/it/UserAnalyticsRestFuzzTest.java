package com.example.analytics.user.it;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the user-analytics-service REST API; see {@link RestFuzzScenario}. */
class UserAnalyticsRestFuzzTest extends RestFuzzScenario {

    @Override
    protected Class<?> application() {
        return com.example.analytics.user.UserAnalyticsApplication.class;
    }

    @Override
    protected String serviceName() {
        return "user-analytics-service";
    }

    @Override
    protected List<String> inputTopics() {
        return List.of(Topics.USER_EVENTS.name());
    }

    @Override
    protected List<String> endpoints() {
        return List.of("/api/users/{id}/session", "/api/users/{id}/sessions", "/api/sessions/active");
    }

    @Override
    protected Map<String, Integer> limitCaps() {
        return Map.of("/api/users/user_1/sessions", 20);
    }

    @Override
    protected List<String> knownIds() {
        return List.of("user_1", "user_2", "user_12", "current-session", "recent-sessions", "session-census");
    }
}
