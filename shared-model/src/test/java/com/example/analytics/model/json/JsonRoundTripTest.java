package com.example.analytics.model.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.Action;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonRoundTripTest {

    @Test
    void userEventFromTheDesignDocumentReadsAndWritesBackTheSameJson() {
        String wire = """
                {"user_id":"user_7","event_type":"page_view","timestamp":1732450000.25,\
                "data":{"page":"/product/3","location":"city_2","device":"mobile"},"event_id":"e-123"}""";

        UserEvent event = Topics.USER_EVENTS.valueSerde().deserializer().deserialize("user_events", bytes(wire));

        assertThat(event.userId()).isEqualTo("user_7");
        assertThat(event.eventType()).isEqualTo("page_view");
        assertThat(event.timestampMillis()).isEqualTo(1_732_450_000_250L);
        assertThat(event.dataText("location")).contains("city_2");
        assertThat(event.eventId()).isEqualTo("e-123");
        assertThat(tree(Topics.USER_EVENTS.valueSerde().serializer().serialize("user_events", event)))
                .isEqualTo(tree(bytes(wire)));
    }

    @Test
    void productEventKeepsExtraDataFieldsWithTheirTypes() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", "user_7");
        data.put("category", "category_1");
        data.put("price", 25.0);
        data.put("tags", List.of("new", "sale"));
        data.put("nested", Map.of("depth", 2));
        ProductEvent event = new ProductEvent("product_3", "product_view", 1732450001.0, data, null);

        byte[] json = Topics.PRODUCT_EVENTS.valueSerde().serializer().serialize("product_events", event);
        ProductEvent back = Topics.PRODUCT_EVENTS.valueSerde().deserializer().deserialize("product_events", json);

        assertThat(back).isEqualTo(event);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .contains("\"product_id\":\"product_3\"", "\"timestamp\":1732450001")
                .doesNotContain("event_id", "E9");
    }

    @Test
    void actionMatchesTheDesignDocumentShapeAndHasADeterministicId() {
        Action action = Action.of("fraud-service", "potential_fraud", "excessive_activity", "user_7",
                "1732450061000", 1_732_450_061_000L, 1_732_450_061_412L,
                Map.of("user_id", "user_7", "events_per_minute", 51));

        byte[] json = Topics.REAL_TIME_ACTIONS.valueSerde().serializer().serialize("real_time_actions", action);

        assertThat(tree(json)).isEqualTo(tree(bytes("""
                {"action_id":"fraud:excessive_activity:user_7:1732450061000","action_type":"potential_fraud",
                 "rule":"excessive_activity","subject":"user_7","timestamp":1732450061.0,
                 "detected_at":1732450061.412,"source":"fraud-service",
                 "data":{"user_id":"user_7","events_per_minute":51}}""")));
        assertThat(Topics.REAL_TIME_ACTIONS.valueSerde().deserializer().deserialize("real_time_actions", json))
                .isEqualTo(action);
    }

    @Test
    void actionWithoutRuleOmitsTheFieldAndUsesItsTypeInTheId() {
        Action action = Action.of("user-analytics-service", "high_engagement", null, "user_1", "1000", 1000, 2000,
                Map.of("page_views", 7));

        assertThat(action.actionId()).isEqualTo("user-analytics:high_engagement:user_1:1000");
        assertThat(new String(JsonSerde.of(Action.class).toBytes(action), StandardCharsets.UTF_8))
                .doesNotContain("\"rule\"");
    }

    @Test
    void salesSummaryRoundTrips() {
        SalesSummary summary = new SalesSummary("store_1", 1732450020, 1732450080, 650.5, 3, 216.8333333, 1);

        byte[] json = Topics.SALES_SUMMARIES.valueSerde().serializer().serialize("sales_summaries", summary);

        assertThat(Topics.SALES_SUMMARIES.valueSerde().deserializer().deserialize("sales_summaries", json))
                .isEqualTo(summary);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"window_start\":1732450020",
                "\"transaction_count\":3", "\"weekend_transactions\":1", "\"avg_amount\":216.8333333");
    }

    @Test
    void nonFiniteNumbersAreWrittenAsNullSoTheOutputStaysJson() {
        byte[] json = JsonSerde.of(SalesSummary.class)
                .toBytes(new SalesSummary("s", 0, 60, Double.NaN, 0, Double.POSITIVE_INFINITY, 0));

        assertThat(tree(json).get("total_amount").isNull()).isTrue();
        assertThat(tree(json).get("avg_amount").isNull()).isTrue();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode tree(byte[] json) {
        return Json.mapper().readTree(json);
    }
}
