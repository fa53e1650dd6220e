package com.example.analytics.user.web;

import com.example.analytics.support.web.GlobalAnswer;
import com.example.analytics.support.web.GlobalQueryResponses;
import com.example.analytics.support.web.IdParameter;
import com.example.analytics.support.web.KeyAnswer;
import com.example.analytics.support.web.KeyQueryResponses;
import com.example.analytics.support.web.Limit;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import com.example.analytics.user.query.ActiveSessions;
import com.example.analytics.user.query.RecentSessions;
import com.example.analytics.user.query.SessionView;
import com.example.analytics.user.query.UserAnalyticsQueryService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The REST API of DESIGN.md section 5 for user analytics; validation and problems come from streams-support. */
@RestController
@Tag(name = "sessions", description = "User sessions in event time")
public class UserAnalyticsController {

    private final UserAnalyticsQueryService queries;
    private final QueryResponses responses;

    public UserAnalyticsController(UserAnalyticsQueryService queries, QueryResponses responses) {
        this.queries = queries;
        this.responses = responses;
    }

    @Operation(summary = "The user's current session",
            description = "The latest session while its last event is within the session gap of stream time; "
                    + "404 when the user is unknown or has no active session")
    @KeyQueryResponses
    @GetMapping("/api/users/{userId}/session")
    public KeyAnswer<SessionView> currentSession(@PathVariable @IdParameter String userId) {
        return responses.forKey(queries.currentSession(RequestParams.id("userId", userId)));
    }

    @Operation(summary = "The user's recent sessions, newest first")
    @KeyQueryResponses
    @GetMapping("/api/users/{userId}/sessions")
    public KeyAnswer<RecentSessions> recentSessions(
            @PathVariable @IdParameter String userId,
            @Limit(defaultValue = "analytics.user.default-sessions-limit",
                    max = "analytics.user.max-sessions-per-user") int limit) {
        return responses.forKey(queries.recentSessions(RequestParams.id("userId", userId), limit));
    }

    @Operation(summary = "Active sessions and users seen, over all instances")
    @GlobalQueryResponses
    @GetMapping("/api/sessions/active")
    public GlobalAnswer<ActiveSessions> activeSessions() {
        return responses.forGlobal(queries.activeSessions());
    }
}
