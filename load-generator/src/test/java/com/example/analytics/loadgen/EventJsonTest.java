package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bytes the hand-written writer produced before Jackson's generator took over, kept as they were. */
class EventJsonTest {

    private final EventJson json = new EventJson();

    @Test
    void aCompleteEventKeepsItsFieldOrderNumberFormsAndEscapes() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("q", "say \"hi\"\\ \n\r\t\u0001 é/€");
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("location", "city_3");
        data.put("amount", 149.99);
        data.put("quantity", 2);
        data.put("suspicious", false);
        data.put("total", 12_345_678_901L);
        data.put("nested", nested);

        assertThat(text(json.event("user_id", "user_1", "transaction", EventJson.seconds(1_732_450_000_250L), data,
                "2a-ff"))).isEqualTo("{\"user_id\":\"user_1\",\"event_type\":\"transaction\","
                + "\"timestamp\":1732450000.250,\"data\":{\"location\":\"city_3\",\"amount\":149.99,\"quantity\":2,"
                + "\"suspicious\":false,\"total\":12345678901,"
                + "\"nested\":{\"q\":\"say \\\"hi\\\"\\\\ \\n\\r\\t\\u0001 é/€\"}},\"event_id\":\"2a-ff\"}");
    }

    @Test
    void missingFieldsAreLeftOutAndBadTimestampsWrittenAsAsked() {
        assertThat(text(json.event("user_id", null, "login", EventJson.seconds(5), Map.of(), null)))
                .isEqualTo("{\"event_type\":\"login\",\"timestamp\":0.005,\"data\":{}}");
        assertThat(text(json.event("product_id", 12_345, null, new EventJson.NumberText("NaN"), null, null)))
                .isEqualTo("{\"product_id\":12345,\"timestamp\":NaN}");
        assertThat(text(json.event("product_id", "p", "view", EventJson.seconds(-1).text(), null, null)))
                .isEqualTo("{\"product_id\":\"p\",\"event_type\":\"view\",\"timestamp\":\"-1.999\"}");
        assertThat(text(json.event("product_id", "p", "view", -1_732_450_000L, null, null)))
                .isEqualTo("{\"product_id\":\"p\",\"event_type\":\"view\",\"timestamp\":-1732450000}");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
