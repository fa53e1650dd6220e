package com.example.analytics.fraud.rules;

import com.example.analytics.model.EpochSeconds;
import com.example.analytics.model.UserEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The seed's CEP pattern: a {@code transaction} with amount above {@code minAmount} at t2 after a {@code login}
 * with {@code suspicious: true} (a JSON boolean) at t1, 0 ≤ t2 − t1 ≤ {@code within}. A login is not used up:
 * every qualifying transaction fires once, naming the latest qualifying login. State: pending login times.
 */
public final class SuspiciousLoginTransactionRule implements FraudRule<TreeSet<Long>> {

    public static final String NAME = "suspicious_login_transaction";

    private final double minAmount;
    private final long withinMillis;

    public SuspiciousLoginTransactionRule(double minAmount, long withinMillis) {
        this.minAmount = minAmount;
        this.withinMillis = withinMillis;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Firing firing() {
        return Firing.EVERY_MATCH;
    }

    @Override
    public TreeSet<Long> newState() {
        return new TreeSet<>();
    }

    @Override
    public Optional<Map<String, Object>> apply(TreeSet<Long> logins, String userId, UserEvent event,
                                               long eventTimeMillis) {
        if (event.eventType().equals("login") && event.dataFlag("suspicious")) {
            logins.add(eventTimeMillis);
            return Optional.empty();
        }
        if (!event.eventType().equals("transaction")) {
            return Optional.empty();
        }
        double amount = event.dataNumber("amount").orElse(0);
        Long login = logins.floor(eventTimeMillis);
        if (!(amount > minAmount) || login == null || eventTimeMillis - login > withinMillis) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("login_time", EpochSeconds.fromMillis(login));
        data.put("amount", amount);
        return Optional.of(data);
    }

    @Override
    public boolean expire(TreeSet<Long> logins, long horizonMillis) {
        return logins.removeIf(login -> login < horizonMillis - withinMillis);
    }

    @Override
    public boolean isEmpty(TreeSet<Long> logins) {
        return logins.isEmpty();
    }

    @Override
    public Map<String, Object> counters(TreeSet<Long> logins, long nowMillis) {
        return Map.of("pending_suspicious_logins", logins.tailSet(nowMillis - withinMillis).size());
    }

    @Override
    public void write(TreeSet<Long> logins, DataOutput out) throws IOException {
        out.writeInt(logins.size());
        for (long login : logins) {
            out.writeLong(login);
        }
    }

    @Override
    public TreeSet<Long> read(DataInput in) throws IOException {
        int size = in.readInt();
        TreeSet<Long> logins = new TreeSet<>();
        for (int i = 0; i < size; i++) {
            logins.add(in.readLong());
        }
        return logins;
    }
}
