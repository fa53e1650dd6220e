package com.example.analytics.user.topology;

import com.example.analytics.model.Action;
import com.example.analytics.model.UserEvent;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.user.session.ClosedSessions;
import com.example.analytics.user.session.Session;
import com.example.analytics.user.session.SessionCensus;
import com.example.analytics.user.session.SessionCensusStore;
import com.example.analytics.user.session.SessionRules;
import com.example.analytics.user.session.UserSessions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sessions and engagement for the users of one partition. Per event: one read and one write of the user's open
 * {@link UserSessions}, an in-memory update of the partition's {@link SessionCensus}, and at most one action; when
 * a session closes, it is written once to {@link ClosedSessions}.
 *
 * <p>"Once per session" holds across merges because the engaged flag is part of the session value, written in the
 * same put that stores the session, and merging ORs it: an action is only emitted when the session holding the
 * event is not flagged, and the emitting put flags it. A session merged from flagged and unflagged parts is
 * flagged, so it can never emit again.
 */
final class SessionProcessor implements Processor<String, UserEvent, String, Action> {

    static final String ACTION_TYPE = "high_engagement";

    private final SessionRules rules;
    private final TopologyEnvironment env;
    private ProcessorContext<String, Action> context;
    private KeyValueStore<String, UserSessions> sessions;
    private KeyValueStore<String, UserSessions> closed;
    private SessionCensus census;
    private long streamTimeMillis = Long.MIN_VALUE;

    SessionProcessor(SessionRules rules, TopologyEnvironment env) {
        this.rules = rules;
        this.env = env;
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        this.sessions = context.getStateStore(UserAnalyticsTopology.SESSIONS_STORE);
        this.closed = context.getStateStore(UserAnalyticsTopology.CLOSED_SESSIONS_STORE);
        SessionCensusStore censusStore = context.getStateStore(UserAnalyticsTopology.CENSUS_STORE);
        this.census = censusStore.census();
        // Runs after the sessions store is restored: rebuild the derived census, then let queries see it.
        census.clear();
        try (KeyValueIterator<String, UserSessions> all = sessions.all()) {
            while (all.hasNext()) {
                KeyValue<String, UserSessions> next = all.next();
                long latestEnd = next.value.latest().endMillis();
                census.restore(latestEnd);
                streamTimeMillis = Math.max(streamTimeMillis, latestEnd);
            }
        }
        censusStore.ready();
    }

    @Override
    public void process(Record<String, UserEvent> record) {
        UserEvent event = record.value();
        long time = event.timestampMillis();
        streamTimeMillis = Math.max(streamTimeMillis, time);
        UserSessions before = sessions.get(record.key());
        UserSessions.Applied applied = before == null
                ? UserSessions.first(event, rules)
                : before.apply(event, streamTimeMillis, rules);
        UserSessions after = applied.sessions();
        Session current = applied.current();
        if (!current.engaged() && rules.engaged(current)) {
            after = after.replace(current, current.markEngaged());
            context.forward(new Record<>(record.key(), engagement(record.key(), current, time), time));
        }
        List<Session> closing = after.closed(streamTimeMillis, rules);
        if (!closing.isEmpty()) {
            after = after.without(closing);
            ClosedSessions.close(closed, record.key(), closing, after.sessions().size(), streamTimeMillis, rules);
        }
        sessions.put(record.key(), after);
        census.update(before == null ? OptionalLong.empty() : OptionalLong.of(before.latest().endMillis()),
                after.latest().endMillis(), time);
    }

    /** The action for the session; its trigger is the session start, so a replay gives the same id. */
    private Action engagement(String user, Session session, long eventTimeMillis) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", user);
        data.put("engagement_score", session.pagesPerMinute().orElseThrow());
        data.put("session_duration", session.durationMillis() / 1000.0);
        data.put("page_views", session.pageViews());
        return env.action(ACTION_TYPE, null, user, Long.toString(session.startMillis()), eventTimeMillis, data);
    }
}
