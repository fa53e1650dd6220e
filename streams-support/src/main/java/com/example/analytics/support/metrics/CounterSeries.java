package com.example.analytics.support.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a service's processors report that streams-support cannot read from the topology: the actions they publish
 * and where, besides the input topics, they count late records. A service declares it as a bean; each series is
 * registered at 0 when the service starts, so a dashboard shows 0 rather than no data and {@code rate()} sees the
 * first increment.
 *
 * @param actions     every (action type, rule) the service can publish
 * @param lateSources the {@code source_topic} of late records counted after the input topics, such as partial
 *                    results arriving after their window was judged
 */
public record CounterSeries(List<Action> actions, List<String> lateSources) {

    /** One kind of action; {@code rule} null when the action type has a single rule, as in {@code Action}. */
    public record Action(String actionType, String rule) {
        public Action {
            Objects.requireNonNull(actionType, "actionType");
        }

        /** The {@code rule} tag of {@code analytics_actions_total}: the rule, else the action type. */
        public String ruleTag() {
            return rule == null ? actionType : rule;
        }
    }

    public CounterSeries {
        actions = List.copyOf(actions);
        lateSources = List.copyOf(lateSources);
    }

    /** An action type with a single rule. */
    public static CounterSeries action(String actionType) {
        return new CounterSeries(List.of(new Action(actionType, null)), List.of());
    }

    /** An action type with several rules. */
    public static CounterSeries action(String actionType, Collection<String> rules) {
        return new CounterSeries(rules.stream().map(rule -> new Action(actionType, rule)).toList(), List.of());
    }

    /** Both declarations' series. */
    public CounterSeries plus(CounterSeries other) {
        List<Action> allActions = new ArrayList<>(actions);
        allActions.addAll(other.actions);
        List<String> allLate = new ArrayList<>(lateSources);
        allLate.addAll(other.lateSources);
        return new CounterSeries(allActions, allLate);
    }

    /** The same series, with late records also counted under {@code sources}. */
    public CounterSeries withLateSources(String... sources) {
        List<String> all = new ArrayList<>(lateSources);
        all.addAll(List.of(sources));
        return new CounterSeries(actions, all);
    }
}
