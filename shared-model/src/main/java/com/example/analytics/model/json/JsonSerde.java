package com.example.analytics.model.json;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * The generic JSON serde for every record type the project writes: actions, summaries, state and internal topics.
 * Input events are read through {@link com.example.analytics.model.validation.EventParser} instead, which validates.
 */
public final class JsonSerde<T> implements Serde<T> {

    private final ObjectWriter writer;
    private final ObjectReader reader;
    private final String typeName;

    private JsonSerde(JavaType type) {
        this.writer = Json.mapper().writerFor(type);
        this.reader = Json.mapper().readerFor(type);
        this.typeName = type.toString();
    }

    public static <T> JsonSerde<T> of(Class<T> type) {
        return new JsonSerde<>(Json.mapper().constructType(type));
    }

    public static <T> JsonSerde<T> of(JavaType type) {
        return new JsonSerde<>(type);
    }

    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new SerializationException("Cannot write " + typeName + " as JSON", e);
        }
    }

    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return reader.readValue(bytes);
        } catch (JacksonException e) {
            throw new SerializationException("Not a valid " + typeName + ": " + e.getOriginalMessage());
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> fromBytes(bytes);
    }
}
