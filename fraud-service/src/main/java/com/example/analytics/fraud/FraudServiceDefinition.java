package com.example.analytics.fraud;

import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.streams.StateStores;

/** Lets the launcher find and start this service. */
public final class FraudServiceDefinition implements AnalyticsServiceDefinition {

    @Override
    public String name() {
        return "fraud-service";
    }

    @Override
    public int defaultPort() {
        return 8084;
    }

    @Override
    public Class<?> applicationClass() {
        return FraudServiceApplication.class;
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
