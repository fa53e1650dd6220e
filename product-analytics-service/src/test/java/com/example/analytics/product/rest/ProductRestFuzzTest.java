package com.example.analytics.product.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.test.RestFuzzScenario;
import java.util.List;
import java.util.Map;

/** Fuzzes the product-analytics-service REST API; see {@link RestFuzzScenario}. */
class ProductRestFuzzTest extends RestFuzzScenario {

    ProductRestFuzzTest() {
        super(ProductAnalyticsApplication.class, "product-analytics-service", List.of(Topics.PRODUCT_EVENTS.name()),
                List.of("/api/products/{id}", "/api/products/top", "/api/products/count", "/api/stores/{id}/sales"),
                Map.of("/api/products/top", 1000),
                List.of("product_1", "product_3", "store_0", "store_1", "top", "count", "product", "sales"));
    }
}
