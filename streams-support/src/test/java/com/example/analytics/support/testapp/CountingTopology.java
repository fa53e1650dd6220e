package com.example.analytics.support.testapp;

import com.example.analytics.model.UserEvent;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The smallest real topology: counts valid user events per user. It exercises what streams-support provides
 * (validated input, DLQ, routing) without any rule of a real service. An event of type {@code explode} makes the
 * processor throw, to exercise the processing-exception safety net.
 */
public final class CountingTopology {

    public static final String STORE = "counts";
    public static final String EXPLODE = "explode";

    private CountingTopology() {
    }

    public static Topology build(TopologyEnvironment env) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()));
        Inputs.userEvents(builder, env).process(Count::new, STORE);
        return builder.build();
    }

    private static final class Count implements Processor<String, UserEvent, Void, Void> {
        private KeyValueStore<String, Long> counts;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            counts = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, UserEvent> record) {
            if (EXPLODE.equals(record.value().eventType())) {
                throw new IllegalStateException("boom on purpose");
            }
            Long current = counts.get(record.key());
            counts.put(record.key(), current == null ? 1 : current + 1);
        }
    }
}
