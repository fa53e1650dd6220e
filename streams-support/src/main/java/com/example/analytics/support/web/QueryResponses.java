package com.example.analytics.support.web;

import com.example.analytics.model.json.Json;
import com.example.analytics.support.query.QueryResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;

/**
 * Turns a {@link QueryResult} into the REST answer: the value's fields flattened into one JSON object with
 * {@code as_of}, {@code served_by} and {@code stale}, or the matching problem (404, 503 with Retry-After).
 */
public final class QueryResponses {

    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() {
    };

    private final Duration retryAfter;

    public QueryResponses(Duration retryAfter) {
        this.retryAfter = retryAfter;
    }

    /** For a per-key query: {@code served_by} is the one instance that answered. */
    public Map<String, Object> forKey(QueryResult<?> result) {
        QueryResult.Found<?> found = found(result);
        Map<String, Object> body = fields(found.value());
        body.put("as_of", found.asOf());
        body.put("served_by", found.servedBy().isEmpty() ? null : found.servedBy().get(0));
        body.put("stale", found.stale());
        return body;
    }

    /** For a global query: {@code served_by} lists every instance whose partitions were merged. */
    public Map<String, Object> forGlobal(QueryResult<?> result) {
        QueryResult.Found<?> found = found(result);
        Map<String, Object> body = fields(found.value());
        body.put("as_of", found.asOf());
        body.put("served_by", found.servedBy());
        body.put("stale", found.stale());
        return body;
    }

    private QueryResult.Found<?> found(QueryResult<?> result) {
        if (result instanceof QueryResult.Found<?> found) {
            return found;
        }
        if (result instanceof QueryResult.NotFound<?> notFound) {
            throw new ApiException.NotFound(notFound.detail());
        }
        throw new ApiException.NotReady(((QueryResult.NotReady<?>) result).detail(), retryAfter);
    }

    private static Map<String, Object> fields(Object value) {
        return Json.mapper().convertValue(value, FIELDS);
    }
}
