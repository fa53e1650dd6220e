package com.example.analytics.support.streams;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The headers of a DLQ record, shared by the in-topology validation step and the exception handlers so every DLQ
 * record of every service reads the same way. The original headers are kept; ours are added after them.
 */
public final class DeadLetters {

    public static final String SERVICE = "dlq.service";
    public static final String SOURCE_TOPIC = "dlq.source.topic";
    public static final String SOURCE_PARTITION = "dlq.source.partition";
    public static final String SOURCE_OFFSET = "dlq.source.offset";
    public static final String ERROR_CLASS = "dlq.error.class";
    public static final String ERROR_REASON = "dlq.error.reason";
    public static final String ERROR_MESSAGE = "dlq.error.message";

    private static final int MAX_MESSAGE_CHARS = 1000;

    private DeadLetters() {
    }

    public static Headers headers(Headers original, String service, String topic, int partition, long offset,
                                  Throwable error, String reason) {
        Headers headers = new RecordHeaders(original == null ? null : original.toArray());
        add(headers, SERVICE, service);
        add(headers, SOURCE_TOPIC, topic);
        add(headers, SOURCE_PARTITION, Integer.toString(partition));
        add(headers, SOURCE_OFFSET, Long.toString(offset));
        add(headers, ERROR_CLASS, error.getClass().getName());
        add(headers, ERROR_REASON, reason);
        String message = String.valueOf(error.getMessage());
        add(headers, ERROR_MESSAGE,
                message.length() <= MAX_MESSAGE_CHARS ? message : message.substring(0, MAX_MESSAGE_CHARS) + "…");
        return headers;
    }

    public static String text(Headers headers, String name) {
        var header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
