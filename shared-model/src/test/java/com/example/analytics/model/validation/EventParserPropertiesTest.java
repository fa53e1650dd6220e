package com.example.analytics.model.validation;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.topics.Topics;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Combinators;

/** Whatever bytes a producer sends, the deserializer either returns an event or says why not. */
class EventParserPropertiesTest {

    @Property(tries = 3000)
    void arbitraryBytesEitherParseOrRaiseTheTypedError(@ForAll byte[] value) {
        assertParsesOrRejects(value);
    }

    @Property(tries = 3000)
    void almostValidJsonEitherParsesOrRaisesTheTypedError(@ForAll("mutatedEvents") byte[] value) {
        assertParsesOrRejects(value);
    }

    @Property(tries = 1000)
    void wellFormedEventsAlwaysParseAndRoundTrip(@ForAll("userEvents") UserEvent event) {
        byte[] json = Topics.USER_EVENTS.valueSerde().serializer().serialize("user_events", event);

        assertThat(Topics.USER_EVENTS.valueSerde().deserializer().deserialize("user_events", json)).isEqualTo(event);
    }

    private static void assertParsesOrRejects(byte[] value) {
        for (var serde : java.util.List.of(Topics.USER_EVENTS.valueSerde(), Topics.PRODUCT_EVENTS.valueSerde())) {
            try {
                Object event = serde.deserializer().deserialize("topic", value);
                assertThat(event).isInstanceOfAny(UserEvent.class, ProductEvent.class);
            } catch (InvalidRecordException expected) {
                assertThat(expected.reason()).isNotNull();
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedEvents() {
        String template = "{\"user_id\":\"user_7\",\"product_id\":\"product_3\",\"event_type\":\"page_view\","
                + "\"timestamp\":1732450000.25,\"data\":{\"page\":\"/p/3\",\"amount\":12.5,\"suspicious\":true}}";
        byte[] base = template.getBytes(StandardCharsets.UTF_8);
        Arbitrary<Integer> position = Arbitraries.integers().between(0, base.length - 1);
        Arbitrary<Byte> replacement = Arbitraries.bytes();
        return Combinators.combine(position.list().ofMaxSize(4), replacement.list().ofSize(4), Arbitraries.integers().between(0, base.length))
                .as((positions, bytes, cut) -> {
                    byte[] copy = java.util.Arrays.copyOf(base, cut);
                    for (int i = 0; i < positions.size(); i++) {
                        if (positions.get(i) < copy.length) {
                            copy[positions.get(i)] = bytes.get(i);
                        }
                    }
                    return copy;
                });
    }

    @Provide
    Arbitrary<UserEvent> userEvents() {
        Arbitrary<String> ids = Arbitraries.strings().ofMinLength(1).ofMaxLength(20)
                .filter(s -> !s.isBlank());
        Arbitrary<Double> times = Arbitraries.longs().between(0, 4_102_444_800_000L).map(ms -> ms / 1000.0);
        Arbitrary<java.util.Map<String, Object>> data = Arbitraries.maps(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(8),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(10), Arbitraries.integers().map(Object.class::cast),
                        Arbitraries.of(true, false).map(Object.class::cast))).ofMaxSize(4);
        return Combinators.combine(ids, ids, times, data, ids.injectNull(0.5))
                .as((id, type, ts, d, eventId) -> new UserEvent(id, type, ts, d, eventId));
    }
}
