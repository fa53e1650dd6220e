package com.example.analytics.product;

import com.example.analytics.support.AnalyticsServiceDefinition;

/** Lets the launcher find and start this service. */
public final class ProductAnalyticsServiceDefinition implements AnalyticsServiceDefinition {

    @Override
    public String name() {
        return "product-analytics-service";
    }

    @Override
    public int defaultPort() {
        return 8082;
    }

    @Override
    public Class<?> applicationClass() {
        return ProductAnalyticsApplication.class;
    }
}
