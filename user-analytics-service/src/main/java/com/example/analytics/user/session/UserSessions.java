package com.example.analytics.user.session;

import com.example.analytics.model.UserEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A user's sessions that can still change, newest first, in one compact value read and written once per event:
 * the latest, and an earlier one while a late event could still join it (a late event within the gap of two
 * sessions merges them). Sessions no event can reach any more are {@link #closed closed} and kept apart
 * ({@link ClosedSessions}), written once. Sessions never overlap and are more than the gap apart.
 */
public record UserSessions(List<Session> sessions) {

    private static final Comparator<Session> NEWEST_FIRST =
            Comparator.comparingLong(Session::startMillis).reversed();

    public UserSessions {
        sessions = List.copyOf(sessions);
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("a user is stored with at least one session");
        }
    }

    /** The session with the latest events: the only one that can still be active. */
    public Session latest() {
        return sessions.get(0);
    }

    /**
     * What {@link #apply} did: the user's sessions afterwards and the session that now holds the event.
     *
     * @param merged how many earlier sessions the event joined together (0 or 1: the event started or extended one)
     */
    public record Applied(UserSessions sessions, Session current, int merged) {
    }

    /** The sessions of a user seen for the first time. */
    public static Applied first(UserEvent event, SessionRules rules) {
        Session session = Session.of(event, rules.maxDistinctValues());
        return new Applied(new UserSessions(List.of(session)), session, 0);
    }

    /**
     * Adds {@code event} (event time {@code t}): it joins every session within the gap of {@code t} (merging them when
     * there are several) or starts a new one. Afterwards sessions older than the retention relative to
     * {@code streamTimeMillis} are dropped, and the oldest beyond the per-user maximum; the newest always stays.
     *
     * <p>Dropping can never lose a merge: an event joining a dropped session would be older than stream time minus
     * the grace period, so it is late and never gets here. For retention that holds as retention ≥ gap + grace;
     * for the count limit (at least 2) because the dropped session ends more than a gap before the start of the
     * next kept one, which is at or before stream time.
     */
    public Applied apply(UserEvent event, long streamTimeMillis, SessionRules rules) {
        long time = event.timestampMillis();
        long gap = rules.gapMillis();
        List<Session> result = new ArrayList<>(sessions.size() + 1);
        Session joined = null;
        int joinedCount = 0;
        // Oldest first, so merged distinct values keep first-seen order.
        for (int i = sessions.size() - 1; i >= 0; i--) {
            Session session = sessions.get(i);
            if (session.joins(time, gap)) {
                joined = joined == null ? session : joined.merge(session, rules.maxDistinctValues());
                joinedCount++;
            } else {
                result.add(session);
            }
        }
        Session current = joined == null
                ? Session.of(event, rules.maxDistinctValues())
                : joined.add(event, rules.maxDistinctValues());
        result.add(current);
        // Sessions never overlap, so ordering by start orders them by end too.
        result.sort(NEWEST_FIRST);
        return new Applied(new UserSessions(retain(result, streamTimeMillis, rules)), current,
                Math.max(0, joinedCount - 1));
    }

    /** The sessions that are {@link SessionRules#isClosed closed} at {@code streamTimeMillis}, never the latest. */
    public List<Session> closed(long streamTimeMillis, SessionRules rules) {
        List<Session> closed = new ArrayList<>();
        for (int i = 1; i < sessions.size(); i++) {
            if (rules.isClosed(sessions.get(i), streamTimeMillis)) {
                closed.add(sessions.get(i));
            }
        }
        return closed;
    }

    /** These sessions without {@code removed}, which must not include the latest. */
    public UserSessions without(List<Session> removed) {
        List<Session> kept = new ArrayList<>(sessions);
        kept.removeAll(removed);
        return new UserSessions(kept);
    }

    /** Replaces {@code session} (by identity of its start) with {@code replacement}. */
    public UserSessions replace(Session session, Session replacement) {
        List<Session> result = new ArrayList<>(sessions);
        for (int i = 0; i < result.size(); i++) {
            if (result.get(i).startMillis() == session.startMillis()) {
                result.set(i, replacement);
                return new UserSessions(result);
            }
        }
        throw new IllegalArgumentException("no session starts at " + session.startMillis());
    }

    private static List<Session> retain(List<Session> newestFirst, long streamTimeMillis, SessionRules rules) {
        long horizon = streamTimeMillis - rules.retentionMillis();
        List<Session> kept = new ArrayList<>(Math.min(newestFirst.size(), rules.maxSessions()));
        for (Session session : newestFirst) {
            if (kept.size() == rules.maxSessions()) {
                break;
            }
            if (kept.isEmpty() || session.endMillis() >= horizon) {
                kept.add(session);
            }
        }
        return kept;
    }
}
