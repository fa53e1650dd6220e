package com.example.analytics.fraud.rest;

import com.example.analytics.fraud.query.FraudQueries;
import com.example.analytics.fraud.query.FraudQueries.RecentAlertList;
import com.example.analytics.fraud.query.FraudQueries.UserFraud;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.web.ApiException;
import com.example.analytics.support.web.BadRequestResponse;
import com.example.analytics.support.web.GlobalAnswer;
import com.example.analytics.support.web.GlobalQueryResponses;
import com.example.analytics.support.web.IdParameter;
import com.example.analytics.support.web.KeyAnswer;
import com.example.analytics.support.web.KeyQueryResponses;
import com.example.analytics.support.web.Limit;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The fraud endpoints of DESIGN.md section 5. */
@RestController
@Tag(name = "fraud", description = "Fraud rule state per user and recent alerts")
class FraudController {

    private static final int MAX_ALERTS = 1000;

    private final QueryRouter router;
    private final QueryResponses responses;
    private final FraudQueries queries;
    private final KeyQuery<UserFraud> userQuery;
    private final GlobalQuery<RecentAlertList> alertsQuery;

    FraudController(QueryRouter router, QueryResponses responses, FraudQueries queries, KeyQuery<UserFraud> userQuery,
                    GlobalQuery<RecentAlertList> alertsQuery) {
        this.router = router;
        this.responses = responses;
        this.queries = queries;
        this.userQuery = userQuery;
        this.alertsQuery = alertsQuery;
    }

    @Operation(summary = "A user's counters under every active rule at stream time, and recent alerts")
    @KeyQueryResponses
    @GetMapping("/api/fraud/users/{userId}")
    KeyAnswer<UserFraud> user(@PathVariable @IdParameter String userId) {
        return responses.forKey(router.byKey(userQuery, RequestParams.id("userId", userId), Map.of()));
    }

    @Operation(summary = "The latest fraud alerts, newest first, merged over all instances")
    @GlobalQueryResponses
    @BadRequestResponse
    @GetMapping("/api/fraud/alerts")
    GlobalAnswer<RecentAlertList> alerts(
            @Limit(defaultValue = "50", max = "" + MAX_ALERTS) int limit,
            @Parameter(description = "Only alerts of this rule, one of the active rules: excessive_activity, "
                    + "impossible_travel, suspicious_login_transaction")
            @RequestParam(required = false) String rule) {
        Map<String, String> params = new HashMap<>();
        params.put(FraudQueries.LIMIT, Integer.toString(limit));
        if (rule != null && !rule.isEmpty()) {
            if (!queries.knowsRule(rule)) {
                throw new ApiException.BadParameter("rule must be one of the active rules");
            }
            params.put(FraudQueries.RULE, rule);
        }
        return responses.forGlobal(router.global(alertsQuery, params));
    }
}
