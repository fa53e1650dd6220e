package com.example.analytics.model;

import java.util.Map;

/** An event of {@code user_events}: page views, logins, transactions, clicks and whatever else apps send. */
public record UserEvent(String userId, String eventType, double timestamp, Map<String, Object> data, String eventId)
        implements Event {

    public UserEvent {
        data = data == null ? Map.of() : data;
    }

    @Override
    public String subjectId() {
        return userId;
    }
}
