package com.example.analytics.model;

import java.util.Map;

/**
 * A record of {@code real_time_actions}. {@code timestamp} is the event time of the record that triggered the
 * action, {@code detectedAt} the wall-clock time the service emitted it, both in epoch seconds.
 *
 * @param rule {@code null} for action types that have a single rule (then serialised without the field)
 */
public record Action(String actionId, String actionType, String rule, String subject, double timestamp,
                     double detectedAt, String source, Map<String, Object> data) {

    private static final String SERVICE_SUFFIX = "-service";

    public Action {
        data = data == null ? Map.of() : data;
    }

    /**
     * Builds an action whose id is a pure function of (service, rule, subject, trigger), so that a replay of the same
     * input yields the same ids and a consumer can de-duplicate: {@code fraud:excessive_activity:user_7:1732450061000}.
     *
     * @param source  the emitting service, for example {@code fraud-service}; the id uses it without the suffix
     * @param rule    the rule that fired, or {@code null} when the action type has one rule (the id then uses the type)
     * @param trigger what tells two firings for one subject apart, usually the trigger's event time in ms
     */
    public static Action of(String source, String actionType, String rule, String subject, String trigger,
                            long eventTimeMillis, long detectedAtMillis, Map<String, Object> data) {
        String service = source.endsWith(SERVICE_SUFFIX)
                ? source.substring(0, source.length() - SERVICE_SUFFIX.length()) : source;
        String id = service + ':' + (rule != null ? rule : actionType) + ':' + subject + ':' + trigger;
        return new Action(id, actionType, rule, subject, EpochSeconds.fromMillis(eventTimeMillis),
                EpochSeconds.fromMillis(detectedAtMillis), source, data);
    }

    public long timestampMillis() {
        return EpochSeconds.toMillis(timestamp);
    }
}
