package com.example.analytics.product.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.HostileInputScenario;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.ServiceInstance;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every kind of hostile product event, mixed 1:100 into good traffic, against the product analytics service. */
@KafkaBrokerTest
class ProductHostileInputTest extends HostileInputScenario {

    ProductHostileInputTest() {
        super(ProductAnalyticsApplication.class, "product-analytics-service", List.of(Topics.PRODUCT_EVENTS.name()));
    }

    /** Lifetime views per product are exactly the good views sent: none lost, no hostile one counted. */
    @Override
    protected void assertCounted(ServiceInstance service, List<GoodEvents.Event> good) {
        Map<String, Long> views = good.stream().filter(event -> event.eventType().equals("product_view"))
                .filter(event -> event.id().matches("[a-z_0-9]+"))
                .collect(Collectors.groupingBy(GoodEvents.Event::id, Collectors.counting()));
        assertThat(views).hasSizeGreaterThan(50);
        views.forEach((product, count) -> {
            Http.Response response = Http.get(service.baseUrl() + "/api/products/" + product);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            assertThat(response.json().get("total_views").asLong()).as(product).isEqualTo(count);
        });
    }
}
