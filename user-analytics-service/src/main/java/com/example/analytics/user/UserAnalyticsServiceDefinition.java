package com.example.analytics.user;

import com.example.analytics.support.AnalyticsServiceDefinition;

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
}
