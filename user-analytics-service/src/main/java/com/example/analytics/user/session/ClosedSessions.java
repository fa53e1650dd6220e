package com.example.analytics.user.session;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A user's closed sessions, one entry each, written once when the session closes: the value written on every event
 * of a user then holds only what an event can still change ({@link UserSessions}). Keys order a user's sessions by
 * start; each value is a {@link UserSessions} of one session, in the same format as the open sessions.
 *
 * <p>When a session closes, the user's closed sessions beyond the per-user maximum or older than the retention are
 * dropped, as the open sessions are on every event.
 */
public final class ClosedSessions {

    private static final HexFormat HEX = HexFormat.of();
    private static final String FIRST = HEX.toHexDigits(0L);
    private static final String LAST = HEX.toHexDigits(-1L);

    private ClosedSessions() {
    }

    /**
     * Stores {@code closing} (closed at {@code streamTimeMillis}) for {@code user}, who has {@code open} sessions
     * still open, and drops what no longer belongs to the user's kept sessions.
     */
    public static void close(KeyValueStore<String, UserSessions> store, String user, List<Session> closing,
                             int open, long streamTimeMillis, SessionRules rules) {
        for (Session session : closing) {
            store.put(key(user, session.startMillis()), new UserSessions(List.of(session)));
        }
        long horizon = streamTimeMillis - rules.retentionMillis();
        int keep = rules.maxSessions() - open;
        List<String> dropped = new ArrayList<>();
        try (KeyValueIterator<String, UserSessions> newestFirst = store.reverseRange(key(user, FIRST),
                key(user, LAST))) {
            int kept = 0;
            while (newestFirst.hasNext()) {
                KeyValue<String, UserSessions> entry = newestFirst.next();
                if (kept < keep && entry.value.latest().endMillis() >= horizon) {
                    kept++;
                } else {
                    dropped.add(entry.key);
                }
            }
        }
        dropped.forEach(store::delete);
    }

    /** The user's closed sessions, newest first, at most {@code limit}. */
    public static List<Session> newest(ReadOnlyKeyValueStore<String, UserSessions> store, String user, int limit) {
        List<Session> sessions = new ArrayList<>();
        try (KeyValueIterator<String, UserSessions> newestFirst = store.reverseRange(key(user, FIRST),
                key(user, LAST))) {
            while (sessions.size() < limit && newestFirst.hasNext()) {
                sessions.add(newestFirst.next().value.latest());
            }
        }
        return sessions;
    }

    /** The length prefix keeps one user's keys apart from another's whatever characters the ids contain. */
    static String key(String user, long startMillis) {
        return key(user, HEX.toHexDigits(startMillis));
    }

    private static String key(String user, String start) {
        return user.length() + ":" + user + "@" + start;
    }
}
