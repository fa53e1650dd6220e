package com.example.analytics.trend.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.HostileInputScenario;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.trend.TrendServiceApplication;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Every kind of hostile event on both input topics, mixed 1:100 into good traffic, against the trend service. */
@KafkaBrokerTest
class TrendHostileInputTest extends HostileInputScenario {

    TrendHostileInputTest() {
        super(TrendServiceApplication.class, "trend-service", List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name()));
    }

    @Override
    protected void assertCounted(ServiceInstance service, List<GoodEvents.Event> good) {
        Map<String, Long> byKey = good.stream().collect(Collectors.groupingBy(
                event -> (event.topic().equals(Topics.USER_EVENTS.name()) ? "user_" : "product_") + event.eventType(),
                Collectors.counting()));
        assertThat(byKey.keySet()).anyMatch(key -> key.startsWith("user_hover_"))
                .anyMatch(key -> key.startsWith("product_hover_"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> byKey.forEach((key, count) -> {
            Http.Response response = Http.get(service.baseUrl() + "/api/trends/" + key);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            long counted = 0;
            for (JsonNode minute : response.json().get("per_minute")) {
                counted += minute.get("events").asLong();
            }
            assertThat(counted).as(key).isEqualTo(count);
        }));
    }
}
