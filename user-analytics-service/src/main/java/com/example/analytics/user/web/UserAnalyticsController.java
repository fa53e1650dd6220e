package com.example.analytics.user.web;

import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import com.example.analytics.user.query.UserAnalyticsQueryService;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST API of DESIGN.md section 5 for user analytics; validation and problems come from streams-support. */
@RestController
public class UserAnalyticsController {

    private final UserAnalyticsQueryService queries;
    private final QueryResponses responses;
    private final int defaultLimit;
    private final int maxLimit;

    public UserAnalyticsController(UserAnalyticsQueryService queries, QueryResponses responses, int defaultLimit,
                                   int maxLimit) {
        this.queries = queries;
        this.responses = responses;
        this.defaultLimit = defaultLimit;
        this.maxLimit = maxLimit;
    }

    @GetMapping("/api/users/{userId}/session")
    public Map<String, Object> currentSession(@PathVariable String userId) {
        return responses.forKey(queries.currentSession(RequestParams.id("userId", userId)));
    }

    @GetMapping("/api/users/{userId}/sessions")
    public Map<String, Object> recentSessions(@PathVariable String userId,
                                              @RequestParam(required = false) String limit) {
        String user = RequestParams.id("userId", userId);
        int count = RequestParams.limit("limit", limit, defaultLimit, maxLimit);
        return responses.forKey(queries.recentSessions(user, count));
    }

    @GetMapping("/api/sessions/active")
    public Map<String, Object> activeSessions() {
        return responses.forGlobal(queries.activeSessions());
    }
}
