package com.example.analytics.fraud.rules;

import com.example.analytics.model.UserEvent;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * More than {@code threshold} distinct non-empty {@code data.location} values in (t−window, t]. State is location →
 * last-seen event time, pruned as locations age out of the window.
 */
public final class ImpossibleTravelRule implements FraudRule<Map<String, Long>> {

    public static final String NAME = "impossible_travel";

    private final int threshold;
    private final long windowMillis;

    public ImpossibleTravelRule(int threshold, long windowMillis) {
        this.threshold = threshold;
        this.windowMillis = windowMillis;
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
    public Map<String, Long> newState() {
        return new HashMap<>();
    }

    @Override
    public Optional<Map<String, Object>> apply(Map<String, Long> lastSeen, String userId, UserEvent event,
                                               long eventTimeMillis) {
        event.dataText("location").ifPresent(location -> lastSeen.merge(location, eventTimeMillis, Math::max));
        // Almost every event is below the threshold: count before listing and sorting the names.
        if (lastSeen.size() <= threshold || countWithin(lastSeen, eventTimeMillis) <= threshold) {
            return Optional.empty();
        }
        List<String> recent = within(lastSeen, eventTimeMillis);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("user_id", userId);
        data.put("unique_locations", recent.size());
        data.put("locations", recent);
        return Optional.of(data);
    }

    private long countWithin(Map<String, Long> lastSeen, long timeMillis) {
        long count = 0;
        for (long seen : lastSeen.values()) {
            if (seen > timeMillis - windowMillis) {
                count++;
            }
        }
        return count;
    }

    /** Locations last seen in (t−window, t]; one seen again after t counts too, it was there in the window's end. */
    private List<String> within(Map<String, Long> lastSeen, long timeMillis) {
        return lastSeen.entrySet().stream().filter(entry -> entry.getValue() > timeMillis - windowMillis)
                .map(Map.Entry::getKey).sorted().toList();
    }

    @Override
    public boolean expire(Map<String, Long> lastSeen, long horizonMillis) {
        return lastSeen.values().removeIf(seen -> seen <= horizonMillis - windowMillis);
    }

    @Override
    public boolean isEmpty(Map<String, Long> lastSeen) {
        return lastSeen.isEmpty();
    }

    @Override
    public Map<String, Object> counters(Map<String, Long> lastSeen, long nowMillis) {
        return Map.of("unique_locations_last_hour", within(lastSeen, nowMillis).size(), "threshold", threshold);
    }

    @Override
    public void write(Map<String, Long> lastSeen, DataOutput out) throws IOException {
        out.writeInt(lastSeen.size());
        for (Map.Entry<String, Long> entry : lastSeen.entrySet()) {
            out.writeUTF(entry.getKey());
            out.writeLong(entry.getValue());
        }
    }

    @Override
    public Map<String, Long> read(DataInput in) throws IOException {
        int size = in.readInt();
        Map<String, Long> lastSeen = new HashMap<>(Math.max(4, size * 2));
        for (int i = 0; i < size; i++) {
            lastSeen.put(in.readUTF(), in.readLong());
        }
        return lastSeen;
    }
}
