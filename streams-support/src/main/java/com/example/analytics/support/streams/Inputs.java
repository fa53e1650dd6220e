package com.example.analytics.support.streams;

import com.example.analytics.model.Event;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.UserEvent;
import com.example.analytics.model.topics.Topic;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.model.validation.EventParser;
import com.example.analytics.model.validation.InvalidRecordException;
import com.example.analytics.model.validation.Parsed;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The entry of every topology: an input topic read as validated events in event time. Bad records leave here for
 * {@code analytics_dlq} inside the same transaction as the rest of the task's output, so under exactly-once a bad
 * record is dead-lettered exactly once; late records are counted and go no further, so no rule sees them.
 * What comes out is keyed by the event's id, unchanged, so no repartition is needed downstream.
 */
public final class Inputs {

    private Inputs() {
    }

    public static KStream<String, UserEvent> userEvents(StreamsBuilder builder, TopologyEnvironment env) {
        return validated(builder, Topics.USER_EVENTS,
                EventParser.users(env.clock(), env.maxFutureSkew(), env.maxEventBytes()), env);
    }

    public static KStream<String, ProductEvent> productEvents(StreamsBuilder builder, TopologyEnvironment env) {
        return validated(builder, Topics.PRODUCT_EVENTS,
                EventParser.products(env.clock(), env.maxFutureSkew(), env.maxEventBytes()), env);
    }

    private static <E extends Event> KStream<String, E> validated(StreamsBuilder builder, Topic<String, E> topic,
                                                                  EventParser<E> parser, TopologyEnvironment env) {
        String name = topic.name();
        Consumed<String, Parsed<E>> consumed = Consumed
                .with(Serdes.serdeFrom(Serdes.String().serializer(), EventParser.keyDeserializer()),
                        Serdes.serdeFrom((t, v) -> v.raw(), parser.parsedDeserializer()))
                .withTimestampExtractor(new EventTimeExtractor())
                .withName(name + "-source");
        Map<String, KStream<String, Checked<E>>> branches = builder.stream(name, consumed)
                .processValues(() -> new Validate<>(parser, env), Named.as(name + "-validate"))
                .split(Named.as(name + "-"))
                .branch((key, checked) -> checked instanceof Checked.Rejected<E>, Branched.as("rejected"))
                .defaultBranch(Branched.as("accepted"));

        branches.get(name + "-rejected")
                .map((key, checked) -> {
                    var rejected = (Checked.Rejected<E>) checked;
                    return KeyValue.pair(rejected.key(), rejected.value());
                }, Named.as(name + "-dlq-unwrap"))
                .to(Topics.ANALYTICS_DLQ.name(), Produced.with(Topics.ANALYTICS_DLQ.keySerde(),
                        Topics.ANALYTICS_DLQ.valueSerde()).withName(name + "-dlq"));

        return branches.get(name + "-accepted")
                .mapValues(checked -> ((Checked.Accepted<E>) checked).event(), Named.as(name + "-events"));
    }

    /** Internal to this pipeline: the outcome of validation, before the split. */
    private sealed interface Checked<E> {
        record Accepted<E>(E event) implements Checked<E> {
        }

        record Rejected<E>(byte[] key, byte[] value) implements Checked<E> {
        }
    }

    private static final class Validate<E extends Event> implements FixedKeyProcessor<String, Parsed<E>, Checked<E>> {

        private final EventParser<E> parser;
        private final TopologyEnvironment env;
        private final long graceMillis;
        private FixedKeyProcessorContext<String, Checked<E>> context;

        Validate(EventParser<E> parser, TopologyEnvironment env) {
            this.parser = parser;
            this.env = env;
            this.graceMillis = env.grace().toMillis();
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Checked<E>> context) {
            this.context = context;
            // Kafka Streams restores a task's stream time from its committed offsets; queries see it at once.
            long restored = context.currentStreamTimeMs();
            if (restored > 0) {
                env.streamTime().observe(restored);
            }
        }

        @Override
        public void process(FixedKeyRecord<String, Parsed<E>> record) {
            Parsed<E> parsed = record.value();
            if (parsed instanceof Parsed.Invalid<E> invalid) {
                reject(record, invalid.error());
                return;
            }
            E event = ((Parsed.Valid<E>) parsed).event();
            try {
                parser.checkKey(record.key(), event);
            } catch (InvalidRecordException e) {
                reject(record, e);
                return;
            }
            long streamTime = context.currentStreamTimeMs();
            if (record.timestamp() < streamTime - graceMillis) {
                env.metrics().late(sourceTopic());
                return;
            }
            env.streamTime().observe(streamTime);
            context.forward(record.withValue((Checked<E>) new Checked.Accepted<>(event)));
        }

        private void reject(FixedKeyRecord<String, Parsed<E>> record, InvalidRecordException error) {
            RecordMetadata source = context.recordMetadata().orElseThrow();
            String reason = error.reason().name();
            // Lossless: the key deserializer only lets valid UTF-8 through.
            byte[] rawKey = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            context.forward(record
                    .withValue((Checked<E>) new Checked.Rejected<E>(rawKey, record.value().raw()))
                    .withHeaders(DeadLetters.headers(record.headers(), env.serviceName(), source.topic(),
                            source.partition(), source.offset(), error, reason)));
            env.metrics().deadLettered(source.topic(), reason);
        }

        private String sourceTopic() {
            return context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        }
    }
}
