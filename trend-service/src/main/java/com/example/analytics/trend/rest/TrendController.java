package com.example.analytics.trend.rest;

import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.web.GlobalAnswer;
import com.example.analytics.support.web.GlobalQueryResponses;
import com.example.analytics.support.web.IdParameter;
import com.example.analytics.support.web.KeyAnswer;
import com.example.analytics.support.web.KeyQueryResponses;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import com.example.analytics.trend.query.TrendQueries.TrendHistory;
import com.example.analytics.trend.query.TrendQueries.Trends;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The trend endpoints of DESIGN.md section 5. */
@RestController
@Tag(name = "trends", description = "Event-type rates and spikes")
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

    @Operation(summary = "Every trend key's rate at stream time, fastest first, merged over all instances")
    @GlobalQueryResponses
    @GetMapping("/api/trends")
    GlobalAnswer<Trends> trends() {
        return responses.forGlobal(router.global(trendsQuery, Map.of()));
    }

    @Operation(summary = "One trend key's events per minute over the baseline, and its current rate",
            description = "A trend key is user_<event_type> or product_<event_type>")
    @KeyQueryResponses
    @GetMapping("/api/trends/{trendKey}")
    KeyAnswer<TrendHistory> trend(@PathVariable @IdParameter String trendKey) {
        return responses.forKey(router.byKey(historyQuery, RequestParams.id("trendKey", trendKey), Map.of()));
    }
}
