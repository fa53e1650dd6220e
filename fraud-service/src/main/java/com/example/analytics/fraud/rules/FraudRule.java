package com.example.analytics.fraud.rules;

import com.example.analytics.model.UserEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * One fraud rule over one user's events. The processor keeps a state of type {@code S} per user for each rule,
 * applies every valid event to it and publishes {@code potential_fraud} when the rule says so; a new rule is a new
 * implementation and its properties, nothing else.
 *
 * @param <S> the rule's compact per-user state, mutated in place by {@link #apply} and {@link #expire}
 */
public interface FraudRule<S> {

    /** The {@code rule} of the actions, also the key of the rule's state and counters. */
    String name();

    /** Whether the rule alerts once per rising edge of its condition, or on every event where it holds. */
    Firing firing();

    enum Firing {
        /** Once when the condition becomes true for a user, again only after it was false. */
        RISING_EDGE,
        /** Every event for which the condition holds is an alert of its own (a sequence completed). */
        EVERY_MATCH
    }

    S newState();

    /**
     * Applies {@code event} and evaluates the rule at the event's own time.
     *
     * @return the action's {@code data} when the condition holds at {@code eventTimeMillis}, else empty
     */
    Optional<Map<String, Object>> apply(S state, String userId, UserEvent event, long eventTimeMillis);

    /**
     * Forgets what no evaluation at or after {@code horizonMillis} can need.
     *
     * @return whether anything was removed
     */
    boolean expire(S state, long horizonMillis);

    boolean isEmpty(S state);

    /** What the rule currently counts for the user at {@code nowMillis}, for the REST API. */
    Map<String, Object> counters(S state, long nowMillis);

    void write(S state, DataOutput out) throws IOException;

    S read(DataInput in) throws IOException;
}
