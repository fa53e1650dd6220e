package com.example.analytics.reliability;

import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.model.topics.Topic;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.trend.TrendServiceApplication;
import com.example.analytics.user.UserAnalyticsApplication;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The four services, as separate processes started from their own main class. */
enum ServiceKind {
    USER("user-analytics-service", UserAnalyticsApplication.class, Topics.USER_EVENTS),
    PRODUCT("product-analytics-service", ProductAnalyticsApplication.class, Topics.PRODUCT_EVENTS),
    TREND("trend-service", TrendServiceApplication.class, Topics.USER_EVENTS, Topics.PRODUCT_EVENTS),
    FRAUD("fraud-service", FraudServiceApplication.class, Topics.USER_EVENTS);

    private final String serviceName;
    private final Class<?> mainClass;
    private final Set<String> inputs;

    ServiceKind(String serviceName, Class<?> mainClass, Topic<?, ?>... inputs) {
        this.serviceName = serviceName;
        this.mainClass = mainClass;
        this.inputs = Stream.of(inputs).map(Topic::name).collect(Collectors.toUnmodifiableSet());
    }

    boolean reads(String topic) {
        return inputs.contains(topic);
    }

    String serviceName() {
        return serviceName;
    }

    Class<?> mainClass() {
        return mainClass;
    }
}
