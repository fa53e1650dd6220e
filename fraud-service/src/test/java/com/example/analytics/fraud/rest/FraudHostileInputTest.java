package com.example.analytics.fraud.rest;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.HostileInputScenario;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.test.ServiceInstance;
import java.util.List;

/** Every kind of hostile user event, mixed 1:100 into good traffic, against the fraud service. */
@KafkaBrokerTest
class FraudHostileInputTest extends HostileInputScenario {

    FraudHostileInputTest() {
        super(FraudServiceApplication.class, "fraud-service", List.of(Topics.USER_EVENTS.name()));
    }

    /** The rules keep windows, not totals: every user who sent good events has rule state, nobody else does. */
    @Override
    protected void assertCounted(ServiceInstance service, List<GoodEvents.Event> good) {
        good.stream().map(GoodEvents.Event::id).filter(id -> id.matches("[a-z_0-9]+")).distinct().limit(50)
                .forEach(user -> assertThat(Http.get(service.baseUrl() + "/api/fraud/users/" + user).status())
                        .as(user).isEqualTo(200));
        assertThat(Http.get(service.baseUrl() + "/api/fraud/users/user_12345").status()).isEqualTo(404);
    }
}
