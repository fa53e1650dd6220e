package com.example.analytics.fraud.rules;

import com.example.analytics.model.UserEvent;
import com.example.analytics.support.window.SecondCounts;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** More than {@code threshold} user events in the trailing window (t−60 s, t], counted per event-time second. */
public final class ExcessiveActivityRule implements FraudRule<SecondCounts> {

    public static final String NAME = "excessive_activity";

    private final long threshold;
    private final int windowSeconds;

    public ExcessiveActivityRule(long threshold, int windowSeconds) {
        this.threshold = threshold;
        this.windowSeconds = windowSeconds;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Firing firing() {
        return Firing.RISING_EDGE;
    }

    @Override
    public SecondCounts newState() {
        return new SecondCounts();
    }

    @Override
    public Optional<Map<String, Object>> apply(SecondCounts counts, String userId, UserEvent event,
                                               long eventTimeMillis) {
        long second = SecondCounts.secondOf(eventTimeMillis);
        counts.add(second, 1);
        long events = counts.sumOfWindowEndingAt(second, windowSeconds);
        if (events <= threshold) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("events_per_minute", events * 60 / windowSeconds);
        return Optional.of(data);
    }

    @Override
    public boolean expire(SecondCounts counts, long horizonMillis) {
        int before = counts.entries();
        counts.pruneBefore(SecondCounts.secondOf(horizonMillis) - windowSeconds + 1);
        return counts.entries() != before;
    }

    @Override
    public boolean isEmpty(SecondCounts counts) {
        return counts.isEmpty();
    }

    @Override
    public Map<String, Object> counters(SecondCounts counts, long nowMillis) {
        return Map.of("events_last_minute", counts.sumOfWindowEndingAt(SecondCounts.secondOf(nowMillis), windowSeconds),
                "threshold", threshold);
    }

    @Override
    public void write(SecondCounts counts, DataOutput out) throws IOException {
        byte[] bytes = counts.toBytes();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public SecondCounts read(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return SecondCounts.readFrom(ByteBuffer.wrap(bytes));
    }
}
