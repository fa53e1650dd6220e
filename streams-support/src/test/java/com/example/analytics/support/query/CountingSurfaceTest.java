package com.example.analytics.support.query;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.test.ServiceSurfaceScenario;
import com.example.analytics.support.test.KafkaBrokerTest;
import com.example.analytics.support.testapp.CountingApplication;
import java.util.List;
import java.util.Map;

/** What the counting test service shows beyond its answers: streams-support's endpoints and two of its own. */
@KafkaBrokerTest
class CountingSurfaceTest extends ServiceSurfaceScenario {

    CountingSurfaceTest() {
        super(CountingApplication.class, "streams-support-test", List.of(Topics.USER_EVENTS.name()),
                Map.of("userId", "user_1"), Map.of("/api/counts", 100));
    }

    /** streams-support is a library: its build writes no build-info.properties. */
    @Override
    protected boolean hasBuildInfo() {
        return false;
    }
}
