package com.example.analytics.user.session;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The live figures of some partitions, as instances send them to each other for {@code GET /api/sessions/active}.
 * Partials merge by adding users and per-second counts and taking the latest stream time; the seconds that are no
 * longer within the gap of that stream time are then dropped, so the active count is the sum of what remains.
 * Merging is associative: dropping by an earlier, smaller stream time only keeps more, never less.
 *
 * @param streamTimeMillis latest event time of these partitions, null before the first event
 * @param usersByLastSecond epoch second → users whose latest session ended in it (only seconds within the gap)
 */
public record CensusSnapshot(long users, Long streamTimeMillis, SortedMap<Long, Long> usersByLastSecond) {

    public CensusSnapshot {
        usersByLastSecond = new TreeMap<>(usersByLastSecond == null ? Map.of() : usersByLastSecond);
    }

    public static CensusSnapshot merge(List<CensusSnapshot> partials, long gapSeconds) {
        long users = 0;
        Long streamTime = null;
        TreeMap<Long, Long> seconds = new TreeMap<>();
        for (CensusSnapshot partial : partials) {
            users += partial.users();
            if (partial.streamTimeMillis() != null
                    && (streamTime == null || partial.streamTimeMillis() > streamTime)) {
                streamTime = partial.streamTimeMillis();
            }
            partial.usersByLastSecond().forEach((second, count) -> seconds.merge(second, count, Long::sum));
        }
        if (streamTime != null) {
            seconds.headMap(Math.floorDiv(streamTime, 1000L) - gapSeconds).clear();
        }
        return new CensusSnapshot(users, streamTime, seconds);
    }

    /** Users whose latest session is active at {@link #streamTimeMillis()} (after {@link #merge}). */
    public long activeSessions(long gapSeconds) {
        if (streamTimeMillis == null) {
            return 0;
        }
        long floor = Math.floorDiv(streamTimeMillis, 1000L) - gapSeconds;
        return usersByLastSecond.tailMap(floor).values().stream().mapToLong(Long::longValue).sum();
    }
}
