package com.example.analytics.trend;

import com.example.analytics.support.AnalyticsServiceDefinition;

/** Lets the launcher find and start this service. */
public final class TrendServiceDefinition implements AnalyticsServiceDefinition {

    @Override
    public String name() {
        return "trend-service";
    }

    @Override
    public int defaultPort() {
        return 8083;
    }

    @Override
    public Class<?> applicationClass() {
        return TrendServiceApplication.class;
    }
}
