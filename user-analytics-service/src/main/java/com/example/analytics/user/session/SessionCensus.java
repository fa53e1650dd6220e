package com.example.analytics.user.session;

import java.util.Arrays;
import java.util.OptionalLong;
import java.util.SortedMap;
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
    /**
     * Users per second of the last gap, as a ring: the count of second {@code s} is at {@code floorMod(s, length)},
     * valid for the seconds from {@link #floorSecond} on. Stream time moves on at almost every event of a catch-up,
     * and moving it costs clearing the seconds that left, nothing per second kept.
     */
    private final long[] usersBySecond;
    private long users;
    private long streamTimeMillis = Long.MIN_VALUE;
    private long floorSecond = Long.MIN_VALUE;

    public SessionCensus(long gapSeconds) {
        this.gapSeconds = gapSeconds;
        this.usersBySecond = new long[Math.toIntExact(gapSeconds + 1)];
    }

    public long gapSeconds() {
        return gapSeconds;
    }

    public synchronized void clear() {
        Arrays.fill(usersBySecond, 0);
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
            // Counted exactly when its second is not below the floor: everything below was dropped and nothing
            // below is ever added.
            long second = second(previousEndMillis.getAsLong());
            if (second >= floorSecond) {
                usersBySecond[slot(second)]--;
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
        return new CensusSnapshot(users, streamTimeMillis == Long.MIN_VALUE ? null : streamTimeMillis, index());
    }

    private void add(long endMillis) {
        long second = second(endMillis);
        if (second >= floorSecond) {
            usersBySecond[slot(second)]++;
        }
    }

    private void advance(long eventTimeMillis) {
        if (eventTimeMillis <= streamTimeMillis) {
            return;
        }
        streamTimeMillis = eventTimeMillis;
        long floor = second(eventTimeMillis) - gapSeconds;
        if (floor > floorSecond) {
            if (floorSecond == Long.MIN_VALUE || floor - floorSecond >= usersBySecond.length) {
                Arrays.fill(usersBySecond, 0);
            } else {
                for (long left = floorSecond; left < floor; left++) {
                    usersBySecond[slot(left)] = 0;
                }
            }
            floorSecond = floor;
        }
    }

    private int slot(long second) {
        return (int) Math.floorMod(second, (long) usersBySecond.length);
    }

    private static long second(long millis) {
        return Math.floorDiv(millis, 1000L);
    }

    /** The seconds from the floor on that have users, with their counts. */
    synchronized SortedMap<Long, Long> index() {
        TreeMap<Long, Long> index = new TreeMap<>();
        if (floorSecond != Long.MIN_VALUE) {
            for (long second = floorSecond; second < floorSecond + usersBySecond.length; second++) {
                long count = usersBySecond[slot(second)];
                if (count != 0) {
                    index.put(second, count);
                }
            }
        }
        return index;
    }
}
