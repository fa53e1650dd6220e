package com.example.analytics.user.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.HostileInputScenario;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.user.UserAnalyticsApplication;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Every kind of hostile user event, mixed 1:100 into good traffic, against the user analytics service. */
@KafkaBrokerTest
class UserAnalyticsHostileInputTest extends HostileInputScenario {

    UserAnalyticsHostileInputTest() {
        super(UserAnalyticsApplication.class, "user-analytics-service", List.of(Topics.USER_EVENTS.name()));
    }

    /** All traffic spans minutes, so each user has one session holding exactly the good events sent. */
    @Override
    protected void assertCounted(ServiceInstance service, List<GoodEvents.Event> good) {
        Map<String, Long> events = good.stream().filter(event -> event.id().matches("[a-z_0-9]+"))
                .collect(Collectors.groupingBy(GoodEvents.Event::id, Collectors.counting()));
        assertThat(events).hasSizeGreaterThan(100);
        events.forEach((user, count) -> {
            Http.Response response = Http.get(service.baseUrl() + "/api/users/" + user + "/sessions");
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            long counted = 0;
            for (JsonNode session : response.json().get("sessions")) {
                counted += session.get("event_count").asLong();
            }
            assertThat(counted).as(user).isEqualTo(count);
        });
    }
}
