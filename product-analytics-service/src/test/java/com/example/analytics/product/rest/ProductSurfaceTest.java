package com.example.analytics.product.rest;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.test.ServiceSurfaceScenario;
import com.example.analytics.support.test.KafkaBrokerTest;
import java.util.List;
import java.util.Map;

/** The product-analytics-service API docs, info and metrics; see {@link ServiceSurfaceScenario}. */
@KafkaBrokerTest
class ProductSurfaceTest extends ServiceSurfaceScenario {

    /** The seed traffic's purchases over 100 go to store_0..store_2, so each has summaries once windows close. */
    ProductSurfaceTest() {
        super(ProductAnalyticsApplication.class, "product-analytics-service", List.of(Topics.PRODUCT_EVENTS.name()),
                Map.of("productId", "product_3", "storeId", "store_0"), Map.of("/api/products/top", 1000));
    }
}
