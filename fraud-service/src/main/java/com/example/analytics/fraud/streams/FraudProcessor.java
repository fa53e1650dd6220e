package com.example.analytics.fraud.streams;

import com.example.analytics.fraud.FraudProperties;
import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.model.Action;
import com.example.analytics.model.UserEvent;
import com.example.analytics.support.streams.TopologyEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Evaluates every rule for every valid user event at the event's time, on one {@link UserFraudState} per user read
 * and written once per event. Alerts go downstream to {@code real_time_actions}, into the user's recent alerts
 * and into the task's ring of recent alerts. A wall-clock task drops state that aged out of every window, a slice of
 * the users at a time, so users who went quiet stop taking space.
 */
final class FraudProcessor implements Processor<String, UserEvent, String, Action> {

    static final String ACTION_TYPE = "potential_fraud";
    /** A pass of the idle-user sweep over all users is cut into this many slices, one per tick. */
    static final int SWEEP_SLICES = 60;
    private static final long MIN_SWEEP_SLICE = 100;

    private final List<FraudRule<?>> rules;
    private final FraudProperties.Alerts alerts;
    private final TopologyEnvironment env;
    private final long graceMillis;

    private ProcessorContext<String, Action> context;
    private KeyValueStore<String, UserFraudState> users;
    private RecentAlerts recent;
    /** The last user the idle-user sweep looked at; null when the next slice starts a new pass. */
    private String sweptUpTo;
    private long sweepSlice;

    FraudProcessor(List<FraudRule<?>> rules, FraudProperties.Alerts alerts, TopologyEnvironment env) {
        this.rules = rules;
        this.alerts = alerts;
        this.env = env;
        this.graceMillis = env.grace().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        users = context.getStateStore(FraudTopology.USERS_STORE);
        recent = new RecentAlerts(context.getStateStore(FraudTopology.RECENT_ALERTS_STORE), alerts.recentPerPartition());
        context.schedule(sweepTick(alerts.cleanupInterval()), PunctuationType.WALL_CLOCK_TIME,
                now -> sweepIdleUsers());
    }

    @Override
    public void process(Record<String, UserEvent> record) {
        String userId = record.key();
        long eventTime = record.timestamp();
        UserFraudState state = users.get(userId);
        if (state == null) {
            state = UserFraudState.empty();
        }
        for (FraudRule<?> rule : rules) {
            evaluate(rule, state, userId, record.value(), eventTime);
        }
        expire(state, context.currentStreamTimeMs());
        if (state.isEmpty()) {
            users.delete(userId);
        } else {
            users.put(userId, state);
        }
    }

    private <S> void evaluate(FraudRule<S> rule, UserFraudState state, String userId, UserEvent event,
                              long eventTime) {
        Optional<Map<String, Object>> data = rule.apply(state.stateOf(rule), userId, event, eventTime);
        boolean alert = rule.firing() == FraudRule.Firing.EVERY_MATCH
                ? data.isPresent()
                : state.rose(rule.name(), data.isPresent());
        if (alert) {
            Action action = env.action(ACTION_TYPE, rule.name(), userId, Long.toString(eventTime), eventTime,
                    data.orElseThrow());
            state.addAlert(action, alerts.perUser());
            recent.add(action);
            context.forward(new Record<>(userId, action, eventTime));
        }
    }

    /** Drops what no evaluation at or after stream time − grace needs; returns whether anything changed. */
    private boolean expire(UserFraudState state, long streamTime) {
        long horizon = streamTime - graceMillis;
        boolean changed = false;
        for (FraudRule<?> rule : rules) {
            changed |= expireRule(rule, state, horizon);
        }
        return state.expireAlerts(streamTime - alerts.retention().toMillis()) || changed;
    }

    private static <S> boolean expireRule(FraudRule<S> rule, UserFraudState state, long horizon) {
        S ruleState = state.existingStateOf(rule);
        if (ruleState == null) {
            return false;
        }
        boolean changed = rule.expire(ruleState, horizon);
        if (rule.isEmpty(ruleState)) {
            state.dropState(rule);
            return true;
        }
        return changed;
    }

    /** How often a slice of the users is swept: {@value #SWEEP_SLICES} times per cleanup interval. */
    static Duration sweepTick(Duration cleanupInterval) {
        Duration tick = cleanupInterval.dividedBy(SWEEP_SLICES);
        return tick.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : tick;
    }

    /**
     * Removes what aged out of every window for users who sent nothing since, one slice of the store per tick, so a
     * pass over all users is spread over the cleanup interval. Sweeping every user at once stalled the stream thread
     * for about a second each minute with 100k users (the benchmark's event-to-action p99 at 50% load was 0.8-1.1 s),
     * and the stall grew with the number of users. A slice is sized so a whole pass takes at most half an interval,
     * whatever the store's estimate of its size is off by. The position is not kept across restarts: a new pass
     * then starts from the first user.
     */
    private void sweepIdleUsers() {
        long streamTime = context.currentStreamTimeMs();
        if (sweptUpTo == null) {
            // Sized once per pass: sized per tick, the slices would shrink with every user the pass removes.
            sweepSlice = Math.max(MIN_SWEEP_SLICE, 2 * users.approximateNumEntries() / SWEEP_SLICES + 1);
        }
        List<KeyValue<String, UserFraudState>> changed = new ArrayList<>();
        String last = null;
        long seen = 0;
        try (KeyValueIterator<String, UserFraudState> sweep = sweptUpTo == null ? users.all()
                : users.range(sweptUpTo, null)) {
            while (seen < sweepSlice && sweep.hasNext()) {
                KeyValue<String, UserFraudState> entry = sweep.next();
                if (entry.key.equals(sweptUpTo)) {
                    continue; // the range starts at the last user of the previous slice
                }
                seen++;
                last = entry.key;
                if (expire(entry.value, streamTime)) {
                    changed.add(entry);
                }
            }
            sweptUpTo = sweep.hasNext() ? last : null;
        }
        for (KeyValue<String, UserFraudState> entry : changed) {
            if (entry.value.isEmpty()) {
                users.delete(entry.key);
            } else {
                users.put(entry.key, entry.value);
            }
        }
    }
}
