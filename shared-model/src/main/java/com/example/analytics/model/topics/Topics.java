package com.example.analytics.model.topics;

import com.example.analytics.model.Action;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.model.validation.EventParser;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/** The topic catalogue (DESIGN.md section 2). The only place in the code base that names a topic. */
public final class Topics {

    /** Partitions of a topic the platform creates, unless configured otherwise. */
    public static final int DEFAULT_PARTITIONS = 6;

    /**
     * The DLQ carries the original value plus headers, so it must accept somewhat more than the largest input
     * record a broker with default limits (1 MiB) lets through.
     */
    public static final int DLQ_MAX_MESSAGE_BYTES = 2 * 1024 * 1024;

    /**
     * Results count retention from when they were written, not from their (possibly months old, replayed) event time.
     */
    private static final Map<String, String> OUTPUT_CONFIGS =
            Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");

    public static final Topic<String, UserEvent> USER_EVENTS = new Topic<>("user_events",
            Serdes.String(), EventParser.users().serde(UserEvent.class), Map.of());

    public static final Topic<String, ProductEvent> PRODUCT_EVENTS = new Topic<>("product_events",
            Serdes.String(), EventParser.products().serde(ProductEvent.class), Map.of());

    public static final Topic<String, Action> REAL_TIME_ACTIONS = new Topic<>("real_time_actions",
            Serdes.String(), JsonSerde.of(Action.class), OUTPUT_CONFIGS);

    public static final Topic<String, SalesSummary> SALES_SUMMARIES = new Topic<>("sales_summaries",
            Serdes.String(), JsonSerde.of(SalesSummary.class), OUTPUT_CONFIGS);

    /** Original key and value bytes of every bad record, with headers saying where it came from and why. */
    public static final Topic<byte[], byte[]> ANALYTICS_DLQ = new Topic<>("analytics_dlq",
            Serdes.ByteArray(), Serdes.ByteArray(), Map.of(
                    TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime",
                    TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Integer.toString(DLQ_MAX_MESSAGE_BYTES)));

    public static final List<Topic<?, ?>> ALL =
            List.of(USER_EVENTS, PRODUCT_EVENTS, REAL_TIME_ACTIONS, SALES_SUMMARIES, ANALYTICS_DLQ);

    private Topics() {
    }

    public static Optional<Topic<?, ?>> byName(String name) {
        return ALL.stream().filter(topic -> topic.name().equals(name)).findFirst();
    }
}
