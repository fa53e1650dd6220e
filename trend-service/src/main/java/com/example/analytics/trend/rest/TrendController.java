package com.example.analytics.trend.rest;

import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import com.example.analytics.trend.query.TrendQueries.TrendHistory;
import com.example.analytics.trend.query.TrendQueries.Trends;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The trend endpoints of DESIGN.md section 5. */
@RestController
class TrendController {

    private final QueryRouter router;
    private final QueryResponses responses;
    private final GlobalQuery<Trends> trendsQuery;
    private final KeyQuery<TrendHistory> historyQuery;

    TrendController(QueryRouter router, QueryResponses responses, GlobalQuery<Trends> trendsQuery,
                    KeyQuery<TrendHistory> historyQuery) {
        this.router = router;
        this.responses = responses;
        this.trendsQuery = trendsQuery;
        this.historyQuery = historyQuery;
    }

    @GetMapping("/api/trends")
    Map<String, Object> trends() {
        return responses.forGlobal(router.global(trendsQuery, Map.of()));
    }

    @GetMapping("/api/trends/{trendKey}")
    Map<String, Object> trend(@PathVariable String trendKey) {
        return responses.forKey(router.byKey(historyQuery, RequestParams.id("trendKey", trendKey), Map.of()));
    }
}
