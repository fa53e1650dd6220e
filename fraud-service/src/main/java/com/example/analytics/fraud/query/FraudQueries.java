package com.example.analytics.fraud.query;

import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.fraud.streams.FraudTopology;
import com.example.analytics.fraud.streams.UserFraudState;
import com.example.analytics.model.Action;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.streams.StreamTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The fraud service's interactive queries; "now" is the instance's stream time. */
public final class FraudQueries {

    public static final String LIMIT = "limit";
    public static final String RULE = "rule";

    private static final Comparator<Action> NEWEST_FIRST = Comparator.comparingDouble(Action::timestamp).reversed()
            .thenComparing(Action::actionId);

    private final List<FraudRule<?>> rules;
    private final StreamTime streamTime;

    public FraudQueries(List<FraudRule<?>> rules, StreamTime streamTime) {
        this.rules = rules;
        this.streamTime = streamTime;
    }

    /** Each rule's counters for the user at stream time, and the user's recent alerts, newest first. */
    public record UserFraud(String userId, Map<String, Map<String, Object>> rules, List<Action> recentAlerts) {
    }

    public record RecentAlertList(List<Action> alerts) {
    }

    public KeyQuery<UserFraud> user() {
        return new KeyQuery<>("user", FraudTopology.USERS_STORE, UserFraud.class, (stores, userId, params) -> {
            ReadOnlyKeyValueStore<String, UserFraudState> users = stores.store(FraudTopology.USERS_STORE,
                    QueryableStoreTypes.keyValueStore());
            return Optional.ofNullable(users.get(userId)).map(state -> view(userId, state));
        });
    }

    public GlobalQuery<RecentAlertList> recentAlerts() {
        return new GlobalQuery<>("alerts", FraudTopology.RECENT_ALERTS_STORE, RecentAlertList.class,
                (stores, params) -> {
                    int limit = Integer.parseInt(params.getOrDefault(LIMIT, "50"));
                    String rule = params.get(RULE);
                    ReadOnlyKeyValueStore<String, Action> recent = stores.store(FraudTopology.RECENT_ALERTS_STORE,
                            QueryableStoreTypes.keyValueStore());
                    List<Action> newest = new ArrayList<>();
                    try (KeyValueIterator<String, Action> it = recent.reverseAll()) {
                        while (it.hasNext() && newest.size() < limit) {
                            Action alert = it.next().value;
                            if (rule == null || rule.equals(alert.rule())) {
                                newest.add(alert);
                            }
                        }
                    }
                    return new RecentAlertList(newest);
                },
                (partials, params) -> new RecentAlertList(partials.stream()
                        .flatMap(partial -> partial.alerts().stream()).sorted(NEWEST_FIRST)
                        .limit(Integer.parseInt(params.getOrDefault(LIMIT, "50"))).toList()));
    }

    public boolean knowsRule(String rule) {
        return rules.stream().anyMatch(known -> known.name().equals(rule));
    }

    private UserFraud view(String userId, UserFraudState state) {
        long now = streamTime.millis().orElse(0);
        Map<String, Map<String, Object>> counters = new LinkedHashMap<>();
        for (FraudRule<?> rule : rules) {
            counters.put(rule.name(), countersOf(rule, state, now));
        }
        return new UserFraud(userId, counters, state.recentAlerts());
    }

    private static <S> Map<String, Object> countersOf(FraudRule<S> rule, UserFraudState state, long now) {
        S ruleState = state.existingStateOf(rule);
        return rule.counters(ruleState == null ? rule.newState() : ruleState, now);
    }
}
