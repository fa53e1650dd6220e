package com.example.analytics.support.web;

import com.example.analytics.support.query.Envelope;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRegistry;
import com.example.analytics.support.query.QueryResult;
import com.example.analytics.support.query.QueryRouter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The instance-to-instance endpoints behind routing. They answer only from this instance's own stores and never
 * proxy further, so a request cannot bounce between instances while partitions move.
 */
@RestController
public class InternalQueryController {

    private final QueryRegistry registry;
    private final QueryRouter router;
    private final Duration retryAfter;

    public InternalQueryController(QueryRegistry registry, QueryRouter router, Duration retryAfter) {
        this.registry = registry;
        this.router = router;
        this.retryAfter = retryAfter;
    }

    @GetMapping(QueryRouter.KEY_TEMPLATE)
    public Envelope<?> key(@PathVariable(QueryRouter.QUERY_VARIABLE) String query, @RequestParam Map<String, String> params) {
        KeyQuery<?> keyQuery = registry.keyQuery(query)
                .orElseThrow(() -> new ApiException.NotFound("no key query named " + query));
        Map<String, String> rest = new HashMap<>(params);
        String key = rest.remove(QueryRouter.KEY_PARAM);
        if (key == null) {
            throw new ApiException.BadParameter("key is required");
        }
        boolean stale = Boolean.parseBoolean(rest.remove(QueryRouter.STALE_PARAM));
        QueryResult<?> result;
        try {
            result = router.byKeyHere(keyQuery, key, stale, rest);
        } catch (IllegalArgumentException e) {
            throw invalidParameters();
        }
        return envelope(result, List.of());
    }

    @GetMapping(QueryRouter.GLOBAL_TEMPLATE)
    public Envelope<?> global(@PathVariable(QueryRouter.QUERY_VARIABLE) String query, @RequestParam Map<String, String> params) {
        GlobalQuery<?> globalQuery = registry.globalQuery(query)
                .orElseThrow(() -> new ApiException.NotFound("no global query named " + query));
        QueryResult<? extends Envelope<?>> result;
        try {
            result = router.globalHere(globalQuery, params);
        } catch (IllegalArgumentException e) {
            throw invalidParameters();
        }
        if (result instanceof QueryResult.Found<? extends Envelope<?>> found) {
            return found.value();
        }
        return envelope(result, List.of());
    }

    /**
     * The public controllers check parameters before they are forwarded here; a request that comes here directly
     * with a parameter the query cannot read is the client's mistake, not a server error.
     */
    private static ApiException invalidParameters() {
        return new ApiException.BadParameter("invalid query parameters");
    }

    private Envelope<?> envelope(QueryResult<?> result, List<Integer> partitions) {
        if (result instanceof QueryResult.Found<?> found) {
            return new Envelope<>(found.value(), found.asOf(), found.servedBy().get(0), found.stale(), partitions);
        }
        if (result instanceof QueryResult.NotFound<?> notFound) {
            throw new ApiException.NotFound(notFound.detail());
        }
        throw new ApiException.NotReady(((QueryResult.NotReady<?>) result).detail(), retryAfter);
    }
}
