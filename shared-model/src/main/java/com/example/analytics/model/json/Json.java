package com.example.analytics.model.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * The one JSON mapping of the project: snake_case properties, absent instead of null, no silent coercion of a JSON
 * string into a number, and numbers written in plain notation ({@code 1732450000.25}, not {@code 1.73245000025E9}).
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new SimpleModule("plain-numbers")
                    .addSerializer(Double.class, new PlainDoubleSerializer())
                    .addSerializer(double.class, new PlainDoubleSerializer()))
            .build();

    private Json() {
    }

    /** Thread-safe and immutable; share it rather than building another. */
    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * JSON has no NaN or Infinity; such a value is written as {@code null} rather than producing invalid JSON.
     * Plain notation keeps epoch seconds readable and identical to what producers send.
     */
    static final class PlainDoubleSerializer extends ValueSerializer<Double> {
        @Override
        public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) {
            double d = value;
            if (!Double.isFinite(d)) {
                gen.writeNull();
            } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
                gen.writeNumber((long) d + ".0");
            } else {
                String text = Double.toString(d);
                gen.writeNumber(text.indexOf('E') < 0 ? text : BigDecimal.valueOf(d).toPlainString());
            }
        }
    }
}
