package com.example.analytics.fraud.streams;

import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One user's fraud state, one value in one store: each rule's own compact state, the rules whose condition holds
 * (for the rising edge), and the user's most recent alerts, newest first. Rules read and write their part through
 * {@link FraudRule}, so a new rule needs no change here.
 */
public final class UserFraudState {

    private static final byte FORMAT = 1;

    private final Map<String, Object> ruleStates;
    private final Set<String> holding;
    private final Deque<Action> recentAlerts;

    private UserFraudState(Map<String, Object> ruleStates, Set<String> holding, Deque<Action> recentAlerts) {
        this.ruleStates = ruleStates;
        this.holding = holding;
        this.recentAlerts = recentAlerts;
    }

    public static UserFraudState empty() {
        return new UserFraudState(new HashMap<>(), new HashSet<>(), new ArrayDeque<>());
    }

    @SuppressWarnings("unchecked")
    public <S> S stateOf(FraudRule<S> rule) {
        return (S) ruleStates.computeIfAbsent(rule.name(), name -> rule.newState());
    }

    /** The rule's state if the user has one, without creating it. */
    @SuppressWarnings("unchecked")
    public <S> S existingStateOf(FraudRule<S> rule) {
        return (S) ruleStates.get(rule.name());
    }

    void dropState(FraudRule<?> rule) {
        ruleStates.remove(rule.name());
    }

    /** Records whether the rule's condition holds now; true when it just became true (a rising edge). */
    boolean rose(String rule, boolean holds) {
        if (holds) {
            return holding.add(rule);
        }
        holding.remove(rule);
        return false;
    }

    void addAlert(Action alert, int keep) {
        recentAlerts.addFirst(alert);
        while (recentAlerts.size() > keep) {
            recentAlerts.removeLast();
        }
    }

    /** Drops alerts with an event time before {@code cutoffMillis}; returns whether any was dropped. */
    boolean expireAlerts(long cutoffMillis) {
        return recentAlerts.removeIf(alert -> alert.timestamp() * 1000 < cutoffMillis);
    }

    public List<Action> recentAlerts() {
        return List.copyOf(recentAlerts);
    }

    boolean isEmpty() {
        return ruleStates.isEmpty() && holding.isEmpty() && recentAlerts.isEmpty();
    }

    public static Serde<UserFraudState> serde(List<FraudRule<?>> rules) {
        Map<String, FraudRule<?>> byName = new HashMap<>();
        rules.forEach(rule -> byName.put(rule.name(), rule));
        return Serdes.serdeFrom((topic, state) -> state == null ? null : state.toBytes(byName),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes, byName));
    }

    private byte[] toBytes(Map<String, FraudRule<?>> rules) {
        StateBytes.Out out = new StateBytes.Out();
        try {
            out.writeByte(FORMAT);
            out.writeInt(ruleStates.size());
            for (Map.Entry<String, Object> entry : ruleStates.entrySet()) {
                out.writeUTF(entry.getKey());
                writeRuleState(rules.get(entry.getKey()), entry.getValue(), out);
            }
            out.writeInt(holding.size());
            for (String rule : holding) {
                out.writeUTF(rule);
            }
            out.writeInt(recentAlerts.size());
            for (Action alert : recentAlerts) {
                byte[] json = Json.mapper().writeValueAsBytes(alert);
                out.writeInt(json.length);
                out.write(json);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The rule's bytes behind their length, so a reader without the rule can skip them. */
    @SuppressWarnings("unchecked")
    private static <S> void writeRuleState(FraudRule<S> rule, Object state, StateBytes.Out out) throws IOException {
        int length = out.reserveInt();
        rule.write((S) state, out);
        out.fillInt(length, out.size() - length - Integer.BYTES);
    }

    private static UserFraudState fromBytes(byte[] bytes, Map<String, FraudRule<?>> rules) {
        StateBytes.In in = new StateBytes.In(bytes);
        try {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("unknown fraud state format " + format);
            }
            Map<String, Object> states = new HashMap<>();
            int ruleCount = in.readInt();
            for (int i = 0; i < ruleCount; i++) {
                String name = in.readUTF();
                int length = in.readInt();
                FraudRule<?> rule = rules.get(name);
                // A rule that was switched off leaves state behind: it is dropped here, not misread.
                if (rule != null) {
                    states.put(name, rule.read(new StateBytes.In(bytes, in.position(), length)));
                }
                in.skipBytes(length);
            }
            Set<String> holding = new HashSet<>();
            int holdingCount = in.readInt();
            for (int i = 0; i < holdingCount; i++) {
                holding.add(in.readUTF());
            }
            int alertCount = in.readInt();
            List<Action> alerts = new ArrayList<>(alertCount);
            for (int i = 0; i < alertCount; i++) {
                byte[] json = new byte[in.readInt()];
                in.readFully(json);
                alerts.add(Json.mapper().readValue(json, Action.class));
            }
            return new UserFraudState(states, holding, new ArrayDeque<>(alerts));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
