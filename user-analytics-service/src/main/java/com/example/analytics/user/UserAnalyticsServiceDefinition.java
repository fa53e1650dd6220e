package com.example.analytics.user;

import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.streams.StateStores;

/** How the launcher finds this service on its class path. */
public final class UserAnalyticsServiceDefinition implements AnalyticsServiceDefinition {

    @Override
    public String name() {
        return "user-analytics-service";
    }

    @Override
    public int defaultPort() {
        return UserAnalyticsApplication.DEFAULT_PORT;
    }

    @Override
    public Class<?> applicationClass() {
        return UserAnalyticsApplication.class;
    }

    /**
     * One read and one write of the user's state per event, by key only: on the heap they cost half of what they
     * cost in RocksDB (BENCHMARKS.md), and the state of a million users fits the heap (README, sizing).
     */
    @Override
    public StateStores stateStores() {
        return StateStores.IN_MEMORY;
    }
}
