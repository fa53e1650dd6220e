package com.example.analytics.support.web;

import com.example.analytics.support.query.QueryResult;
import java.time.Duration;

/**
 * Turns a {@link QueryResult} into the REST answer: the value with {@code as_of}, {@code served_by} and
 * {@code stale}, or the matching problem (404, 503 with Retry-After).
 */
public final class QueryResponses {

    private final Duration retryAfter;

    public QueryResponses(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** For a per-key query: {@code served_by} is the one instance that answered. */
    public <T> KeyAnswer<T> forKey(QueryResult<T> result) {
        QueryResult.Found<T> found = found(result);
        return new KeyAnswer<>(found.value(), found.asOf(),
                found.servedBy().isEmpty() ? null : found.servedBy().get(0), found.stale());
    }

    /** For a global query: {@code served_by} lists every instance whose partitions were merged. */
    public <T> GlobalAnswer<T> forGlobal(QueryResult<T> result) {
        QueryResult.Found<T> found = found(result);
        return new GlobalAnswer<>(found.value(), found.asOf(), found.servedBy(), found.stale());
    }

    private <T> QueryResult.Found<T> found(QueryResult<T> result) {
        if (result instanceof QueryResult.Found<T> found) {
            return found;
        }
        if (result instanceof QueryResult.NotFound<T> notFound) {
            throw new ApiException.NotFound(notFound.detail());
        }
        throw new ApiException.NotReady(((QueryResult.NotReady<T>) result).detail(), retryAfter);
    }
}
