package com.example.analytics.support.streams;

import com.example.analytics.model.Action;
import com.example.analytics.model.topics.Topics;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** The way out of every topology to {@code real_time_actions}, counted per action type and rule. */
public final class Outputs {

    private Outputs() {
    }

    /** Publishes {@code actions} keyed by their subject; {@code name} prefixes the processor names. */
    public static void actions(KStream<String, Action> actions, TopologyEnvironment env, String name) {
        actions.peek((subject, action) -> env.metrics().actionEmitted(action.actionType(), action.rule()),
                        Named.as(name + "-count-actions"))
                .to(Topics.REAL_TIME_ACTIONS.name(), Produced.with(Topics.REAL_TIME_ACTIONS.keySerde(),
                        Topics.REAL_TIME_ACTIONS.valueSerde()).withName(name + "-actions"));
    }
}
