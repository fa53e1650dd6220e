package com.example.analytics.product.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the product-analytics-service REST API; see {@link RestFuzzScenario}. */
class ProductRestFuzzTest extends RestFuzzScenario {

    @Override
    protected Class<?> application() {
        return com.example.analytics.product.ProductAnalyticsApplication.class;
    }

    @Override
    protected String serviceName() {
        return "product-analytics-service";
    }

    @Override
    protected List<String> inputTopics() {
        return List.of(Topics.PRODUCT_EVENTS.name());
    }

    @Override
    protected List<String> endpoints() {
        return List.of("/api/products/{id}", "/api/products/top", "/api/products/count", "/api/stores/{id}/sales");
    }

    @Override
    protected Map<String, Integer> limitCaps() {
        return Map.of("/api/products/top", 1000);
    }

    @Override
    protected List<String> knownIds() {
        return List.of("product_1", "product_3", "store_0", "store_1", "top", "count", "product", "sales");
    }
}
