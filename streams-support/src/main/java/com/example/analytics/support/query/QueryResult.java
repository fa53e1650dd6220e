package com.example.analytics.support.query;

import java.util.List;

/** The answer to an interactive query, wherever it was served. */
public sealed interface QueryResult<T> {

    /**
     * @param asOf      stream time of the answering instance(s) in epoch seconds, null while unknown
     * @param servedBy  {@code host:port} of each instance that contributed
     * @param stale     true when a standby or restoring replica answered because the active one could not
     */
    record Found<T>(T value, Double asOf, List<String> servedBy, boolean stale) implements QueryResult<T> {
    }

    record NotFound<T>(String detail) implements QueryResult<T> {
    }

    /** The store cannot answer right now (rebalancing, restoring, instance unreachable); retry shortly. */
    record NotReady<T>(String detail) implements QueryResult<T> {
    }
}
