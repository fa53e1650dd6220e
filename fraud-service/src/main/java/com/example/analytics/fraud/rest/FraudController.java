package com.example.analytics.fraud.rest;

import com.example.analytics.fraud.query.FraudQueries;
import com.example.analytics.fraud.query.FraudQueries.RecentAlertList;
import com.example.analytics.fraud.query.FraudQueries.UserFraud;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.web.ApiException;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import java.util.HashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The fraud endpoints of DESIGN.md section 5. */
@RestController
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

    @GetMapping("/api/fraud/users/{userId}")
    Map<String, Object> user(@PathVariable String userId) {
        return responses.forKey(router.byKey(userQuery, RequestParams.id("userId", userId), Map.of()));
    }

    @GetMapping("/api/fraud/alerts")
    Map<String, Object> alerts(@RequestParam(required = false) String limit,
                               @RequestParam(required = false) String rule) {
        Map<String, String> params = new HashMap<>();
        params.put(FraudQueries.LIMIT, Integer.toString(RequestParams.limit("limit", limit, 50, MAX_ALERTS)));
        if (rule != null && !rule.isEmpty()) {
            if (!queries.knowsRule(rule)) {
                throw new ApiException.BadParameter("rule must be one of the active rules");
            }
            params.put(FraudQueries.RULE, rule);
        }
        return responses.forGlobal(router.global(alertsQuery, params));
    }
}
