package com.example.analytics.fraud.streams;

import com.example.analytics.fraud.FraudProperties;
import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.Outputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/** User events, keyed by user as they arrive, through every fraud rule; alerts out to {@code real_time_actions}. */
public final class FraudTopology {

    public static final String USERS_STORE = "fraud-users";
    public static final String RECENT_ALERTS_STORE = "fraud-recent-alerts";

    /** The counters of the actions the rules publish, registered at 0 when the service starts. */
    public static CounterSeries counters(List<FraudRule<?>> rules) {
        return CounterSeries.action(FraudProcessor.ACTION_TYPE, rules.stream().map(FraudRule::name).toList());
    }

    private FraudTopology() {
    }

    public static Topology build(List<FraudRule<?>> rules, FraudProperties.Alerts alerts, TopologyEnvironment env) {
        if (rules.stream().map(FraudRule::name).distinct().count() != rules.size()) {
            throw new IllegalArgumentException("fraud rule names must be unique: " + rules.stream()
                    .map(FraudRule::name).toList());
        }
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(USERS_STORE),
                Serdes.String(), UserFraudState.serde(rules)));
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(RECENT_ALERTS_STORE),
                Serdes.String(), JsonSerde.of(Action.class)));
        Outputs.actions(Inputs.userEvents(builder, env).process(() -> new FraudProcessor(rules, alerts, env),
                Named.as("fraud-rules"), USERS_STORE, RECENT_ALERTS_STORE), env, "fraud");
        return builder.build();
    }
}
