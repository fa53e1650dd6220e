package com.example.analytics.user.query;

import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.StoreAccess;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.web.RequestParams;
import com.example.analytics.user.session.CensusSnapshot;
import com.example.analytics.user.session.ClosedSessions;
import com.example.analytics.user.session.Session;
import com.example.analytics.user.session.SessionCensusStore;
import com.example.analytics.user.session.UserSessions;
import com.example.analytics.user.topology.UserAnalyticsTopology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The service's interactive queries: per user from the sessions store, and the live figures from every
 * partition's census. "Active" is judged against stream time (the {@code as_of} of the answer) at 1-second
 * resolution, as in the census.
 */
public final class UserSessionQueries {

    public static final String LIMIT = "limit";

    private final StreamTime streamTime;
    private final long gapSeconds;
    private final KeyQuery<SessionView> current;
    private final KeyQuery<RecentSessions> recent;
    private final GlobalQuery<CensusSnapshot> census;

    /**
     * @param defaultLimit sessions returned when no {@code limit} is given
     * @param maxLimit     the largest {@code limit} (the sessions kept per user)
     */
    public UserSessionQueries(StreamTime streamTime, long gapSeconds, int defaultLimit, int maxLimit) {
        this.streamTime = streamTime;
        this.gapSeconds = gapSeconds;
        this.current = new KeyQuery<>("current-session", UserAnalyticsTopology.SESSIONS_STORE, SessionView.class,
                (stores, user, params) -> sessionsOf(stores, user)
                        .map(UserSessions::latest)
                        .filter(this::active)
                        .map(session -> SessionView.of(user, session, true)));
        this.recent = new KeyQuery<>("recent-sessions", UserAnalyticsTopology.SESSIONS_STORE, RecentSessions.class,
                (stores, user, params) -> sessionsOf(stores, user).map(open -> {
                    // Checked again here: the internal endpoint takes parameters from the network too.
                    int limit = RequestParams.limit(LIMIT, params.get(LIMIT), defaultLimit, maxLimit);
                    List<Session> newestFirst = new ArrayList<>(open.sessions());
                    if (newestFirst.size() < limit) {
                        newestFirst.addAll(ClosedSessions.newest(stores.store(
                                UserAnalyticsTopology.CLOSED_SESSIONS_STORE, QueryableStoreTypes.keyValueStore()),
                                user, limit - newestFirst.size()));
                    }
                    return new RecentSessions(user, newestFirst.stream().limit(limit)
                            .map(session -> SessionView.of(user, session, active(session))).toList());
                }));
        this.census = new GlobalQuery<>("session-census", UserAnalyticsTopology.CENSUS_STORE, CensusSnapshot.class,
                (stores, params) -> stores.store(UserAnalyticsTopology.CENSUS_STORE, SessionCensusStore.TYPE)
                        .snapshot(),
                (partials, params) -> CensusSnapshot.merge(partials, gapSeconds));
    }

    public KeyQuery<SessionView> currentQuery() {
        return current;
    }

    public KeyQuery<RecentSessions> recentQuery() {
        return recent;
    }

    public GlobalQuery<CensusSnapshot> censusQuery() {
        return census;
    }

    public long gapSeconds() {
        return gapSeconds;
    }

    private boolean active(Session session) {
        return streamTime.millis().stream().anyMatch(now ->
                Math.floorDiv(session.endMillis(), 1000L) >= Math.floorDiv(now, 1000L) - gapSeconds);
    }

    private static Optional<UserSessions> sessionsOf(StoreAccess stores, String user) {
        ReadOnlyKeyValueStore<String, UserSessions> store = stores.store(UserAnalyticsTopology.SESSIONS_STORE,
                QueryableStoreTypes.keyValueStore());
        return Optional.ofNullable(store.get(user));
    }

}
