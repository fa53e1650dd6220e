package com.example.analytics.user.topology;

import com.example.analytics.model.Action;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.Outputs;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.user.UserAnalyticsProperties;
import com.example.analytics.user.session.ClosedSessions;
import com.example.analytics.user.session.SessionCensusStore;
import com.example.analytics.user.session.SessionRules;
import com.example.analytics.user.session.UserSessionsSerde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/**
 * user_events → per-user sessions in event time → {@code high_engagement} actions on real_time_actions.
 *
 * <p>Why a processor over one compact value per user rather than Kafka Streams session windows: a session-window
 * aggregate removes and re-puts the session under a new window key on every event (two store writes and two
 * changelog records), its merges happen inside the store where the "already emitted" decision cannot be made
 * together with the write, and the live figures would need further stores. Here the user's recent sessions are one
 * value: one write per event, merges and the engaged flag decided in the same put, and the figures kept in memory
 * per partition (see {@link SessionCensusStore}). Sessions that can no longer change leave that value for
 * {@link ClosedSessions}, so what is written per event does not grow with the user's history.
 */
public final class UserAnalyticsTopology {

    public static final String SESSIONS_STORE = "user-sessions";
    /** Sessions no event can change any more, one entry each ({@link ClosedSessions}). */
    public static final String CLOSED_SESSIONS_STORE = "user-closed-sessions";
    public static final String CENSUS_STORE = "user-session-census";
    /** The counters of what the topology publishes, registered at 0 when the service starts. */
    public static final CounterSeries COUNTERS = CounterSeries.action(SessionProcessor.ACTION_TYPE);

    private UserAnalyticsTopology() {
    }

    public static Topology build(UserAnalyticsProperties props, TopologyEnvironment env) {
        SessionRules rules = SessionRules.of(props, env.grace());
        StreamsBuilder builder = new StreamsBuilder();
        // Many distinct users and one write per event: the record cache would absorb almost nothing under
        // exactly-once (flushed every 100 ms commit) while costing a lookup per event (DESIGN.md section 9).
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(SESSIONS_STORE),
                Serdes.String(), new UserSessionsSerde()).withCachingDisabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(env.stateStores().keyValue(CLOSED_SESSIONS_STORE),
                Serdes.String(), new UserSessionsSerde()).withCachingDisabled());
        builder.addStateStore(SessionCensusStore.builder(CENSUS_STORE, rules.gapSeconds()));
        KStream<String, Action> actions = Inputs.userEvents(builder, env)
                .process(() -> new SessionProcessor(rules, env), Named.as("user-sessions"),
                        SESSIONS_STORE, CLOSED_SESSIONS_STORE, CENSUS_STORE);
        Outputs.actions(actions, env, "user-analytics");
        return builder.build();
    }
}
