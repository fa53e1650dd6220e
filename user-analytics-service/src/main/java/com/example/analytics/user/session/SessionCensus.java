package com.example.analytics.user.session;

import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The live figures of one partition, kept up to date by its stream thread so that a query never scans sessions:
 * how many users the partition has, and for each second of the last gap how many users' latest session ended in
 * it. A session is active when its last event is within the gap of stream time, at 1-second resolution (the second
 * of its last event is at most {@code gapSeconds} before the second of stream time); only a user's latest session
 * can be active, because sessions are more than the gap apart.
 *
 * <p>Seconds that fall out of the gap are dropped as stream time advances, so the index holds at most
 * {@code gapSeconds + 1} entries whatever the number of users. Written by the stream thread and read by REST
 * threads, hence synchronized (uncontended on the stream thread's side).
 */
public final class SessionCensus {

    private final long gapSeconds;
    private final TreeMap<Long, Long> usersByLastSecond = new TreeMap<>();
    private long users;
    private long streamTimeMillis = Long.MIN_VALUE;
    private long floorSecond = Long.MIN_VALUE;

    public SessionCensus(long gapSeconds) {
        this.gapSeconds = gapSeconds;
    }

    public long gapSeconds() {
        return gapSeconds;
    }

    public synchronized void clear() {
        usersByLastSecond.clear();
        users = 0;
        streamTimeMillis = Long.MIN_VALUE;
        floorSecond = Long.MIN_VALUE;
    }

    /**
     * A user's latest session now ends at {@code latestEndMillis}; before it ended at {@code previousEndMillis}, or
     * the user is new when that is empty. {@code eventTimeMillis} is the event that caused the change.
     */
    public synchronized void update(OptionalLong previousEndMillis, long latestEndMillis, long eventTimeMillis) {
        advance(eventTimeMillis);
        if (previousEndMillis.isPresent()) {
            // Present in the index exactly when its second is not below the floor: everything below was dropped
            // and nothing below is ever added.
            long second = second(previousEndMillis.getAsLong());
            if (second >= floorSecond) {
                usersByLastSecond.computeIfPresent(second, (s, count) -> count == 1 ? null : count - 1);
            }
        } else {
            users++;
        }
        add(latestEndMillis);
    }

    /** Adds a user found in the store when the task starts, before any record is processed. */
    public synchronized void restore(long latestEndMillis) {
        users++;
        advance(latestEndMillis);
        add(latestEndMillis);
    }

    public synchronized CensusSnapshot snapshot() {
        return new CensusSnapshot(users, streamTimeMillis == Long.MIN_VALUE ? null : streamTimeMillis,
                new TreeMap<>(usersByLastSecond));
    }

    private void add(long endMillis) {
        long second = second(endMillis);
        if (second >= floorSecond) {
            usersByLastSecond.merge(second, 1L, Long::sum);
        }
    }

    private void advance(long eventTimeMillis) {
        if (eventTimeMillis <= streamTimeMillis) {
            return;
        }
        streamTimeMillis = eventTimeMillis;
        long floor = second(eventTimeMillis) - gapSeconds;
        if (floor > floorSecond) {
            floorSecond = floor;
            usersByLastSecond.headMap(floor).clear();
        }
    }

    private static long second(long millis) {
        return Math.floorDiv(millis, 1000L);
    }

    /** For tests: the entries the index holds. */
    synchronized Map<Long, Long> index() {
        return Map.copyOf(usersByLastSecond);
    }
}
