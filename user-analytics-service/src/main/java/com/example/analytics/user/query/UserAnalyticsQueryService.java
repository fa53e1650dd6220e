package com.example.analytics.user.query;

import com.example.analytics.support.query.QueryResult;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.user.session.CensusSnapshot;
import java.util.Map;

/** Answers the REST questions through the router: wherever the user lives, and merged over all instances. */
public final class UserAnalyticsQueryService {

    private final QueryRouter router;
    private final UserSessionQueries queries;

    public UserAnalyticsQueryService(QueryRouter router, UserSessionQueries queries) {
        this.router = router;
        this.queries = queries;
    }

    /** The user's current (active) session; not found when the user is unknown or has no active session. */
    public QueryResult<SessionView> currentSession(String user) {
        return router.byKey(queries.currentQuery(), user, Map.of());
    }

    public QueryResult<RecentSessions> recentSessions(String user, int limit) {
        return router.byKey(queries.recentQuery(), user, Map.of(UserSessionQueries.LIMIT, Integer.toString(limit)));
    }

    /** Active sessions and users over every partition, from the merged per-partition censuses. */
    public QueryResult<ActiveSessions> activeSessions() {
        QueryResult<CensusSnapshot> result = router.global(queries.censusQuery(), Map.of());
        if (result instanceof QueryResult.Found<CensusSnapshot> found) {
            CensusSnapshot merged = found.value();
            return new QueryResult.Found<>(
                    new ActiveSessions(merged.activeSessions(queries.gapSeconds()), merged.users()),
                    found.asOf(), found.servedBy(), found.stale());
        }
        return result instanceof QueryResult.NotFound<CensusSnapshot> notFound
                ? new QueryResult.NotFound<>(notFound.detail())
                : new QueryResult.NotReady<>(((QueryResult.NotReady<CensusSnapshot>) result).detail());
    }
}
