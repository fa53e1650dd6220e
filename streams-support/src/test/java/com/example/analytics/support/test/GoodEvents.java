package com.example.analytics.support.test;

import com.example.analytics.model.topics.Topics;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Deterministic valid events for broker tests of hostile input, including the unusual-but-valid ones DESIGN.md
 * keeps: unknown event types, unicode ids, integer timestamps, extra and nested {@code data} fields.
 */
public final class GoodEvents {

    /** One valid event as sent: its topic, id (= key), event type and event time. */
    public record Event(String topic, String id, String eventType, Instant time, byte[] value) {
        public byte[] key() {
            return id.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static final List<String> USER_TYPES = List.of("page_view", "click", "search", "page_view", "login",
            "transaction", "logout");
    private static final List<String> PRODUCT_TYPES = List.of("product_view", "product_view", "add_to_cart",
            "product_view", "purchase");
    private static final int NESTING = 40;

    private GoodEvents() {
    }

    public static String idField(String topic) {
        return topic.equals(Topics.USER_EVENTS.name()) ? "user_id" : "product_id";
    }

    /** The {@code n}-th event of a deterministic sequence on {@code topic} at event time {@code time}. */
    public static Event event(String topic, int n, Instant time) {
        boolean users = topic.equals(Topics.USER_EVENTS.name());
        String id = switch (n % 50) {
            case 13 -> users ? "usér_ß_" + n % 7 : "prodüct_✓_" + n % 5;
            default -> (users ? "user_" + n % 400 : "product_" + n % 150);
        };
        List<String> types = users ? USER_TYPES : PRODUCT_TYPES;
        String type = n % 50 == 7 ? "hover_" + n % 3 : types.get(n % types.size());
        String timestamp = n % 50 == 33 ? Long.toString(time.getEpochSecond()) : seconds(time);
        String data = switch (n % 50) {
            case 21 -> "{\"page\":\"/p/" + n % 9 + "\",\"nested\":" + "[".repeat(NESTING) + "1"
                    + "]".repeat(NESTING) + "}";
            default -> data(users, type, n);
        };
        String json = Poison.json(idField(topic), Poison.quote(id), Poison.quote(type), timestamp, data);
        if (n % 50 == 41) {
            // Fields the contract does not name are allowed and ignored.
            json = json.substring(0, json.length() - 1) + ",\"event_id\":\"e-" + n + "\",\"client\":{\"v\":2}}";
        }
        return new Event(topic, id, type, time, json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * {@code count} events spread round-robin over {@code topics}, {@code spacing} apart in event time from
     * {@code start}: a little traffic so that a service's stores hold known ids.
     */
    public static List<ProducerRecord<byte[], byte[]>> records(List<String> topics, int count, Instant start,
                                                               Duration spacing) {
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            Event event = event(topics.get(n % topics.size()), n, start.plus(spacing.multipliedBy(n)));
            records.add(new ProducerRecord<>(event.topic(), event.key(), event.value()));
        }
        return records;
    }

    /** Epoch seconds with millisecond fraction, as producers write them. */
    public static String seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3).toPlainString();
    }

    private static String data(boolean users, String type, int n) {
        if (users) {
            return switch (type) {
                case "login" -> "{\"suspicious\":false,\"location\":\"city_" + n % 4 + "\"}";
                case "transaction" -> "{\"amount\":" + (n % 90 + 5) + ".5}";
                default -> "{\"page\":\"/p/" + n % 9 + "\",\"device\":\"mobile\",\"location\":\"city_" + n % 4 + "\"}";
            };
        }
        return switch (type) {
            case "purchase" -> "{\"user_id\":\"user_" + n % 400 + "\",\"amount\":" + (n % 3 == 0 ? 150 : 40)
                    + ".0,\"store_id\":\"store_" + n % 3 + "\"}";
            default -> "{\"user_id\":\"user_" + n % 400 + "\",\"category\":\"category_" + n % 6
                    + "\",\"price\":25.0}";
        };
    }
}
