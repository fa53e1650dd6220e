package com.example.analytics.fraud;

import com.example.analytics.support.AnalyticsServiceDefinition;

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
}
