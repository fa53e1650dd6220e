package com.example.analytics.model;

import java.util.Map;

/** An event of {@code product_events}: views, add-to-cart, purchases and others. */
public record ProductEvent(String productId, String eventType, double timestamp, Map<String, Object> data, String eventId)
        implements Event {

    public ProductEvent {
        data = data == null ? Map.of() : data;
    }

    @Override
    public String subjectId() {
        return productId;
    }
}
