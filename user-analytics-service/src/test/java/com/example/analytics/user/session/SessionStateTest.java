package com.example.analytics.user.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.UserEvent;
import com.example.analytics.user.UserAnalyticsProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The stored value and the derived census, on their own. */
class SessionStateTest {

    private static final long T0 = 1_732_450_000_000L;
    private static final SessionRules RULES = SessionRules.of(UserAnalyticsProperties.defaults(), Duration.ofSeconds(5));

    @Test
    void theStoredFormRoundTripsAndIsCompact() {
        UserSessions value = UserSessions.first(event("page_view", T0, "/a", "mobile", "city_1"), RULES).sessions();
        value = value.apply(event("page_view", T0 + 5_000, "/ü-unicode", "desktop", "city_2"), T0 + 5_000, RULES)
                .sessions();
        value = value.apply(event("click", T0 + 3_600_000, null, "mobile", "city_1"), T0 + 3_600_000, RULES)
                .sessions();
        value = value.replace(value.latest(), value.latest().markEngaged());
        UserSessionsSerde serde = new UserSessionsSerde();

        byte[] bytes = serde.serialize("t", value);

        assertThat(serde.deserialize("t", bytes)).isEqualTo(value);
        assertThat(bytes.length).isLessThan(100);
    }

    @Test
    void sessionsBeyondTheRetentionOrTheLimitAreDroppedButTheNewestStays() {
        UserSessions value = UserSessions.first(event("page_view", T0, "/a", null, null), RULES).sessions();
        long time = T0;
        for (int i = 1; i < 30; i++) {
            time += 31 * 60_000L;
            value = value.apply(event("page_view", time, "/a", null, null), time, RULES).sessions();
        }
        assertThat(value.sessions()).hasSize(RULES.maxSessions());
        assertThat(value.latest().startMillis()).isEqualTo(time);

        long muchLater = time + Duration.ofDays(3).toMillis();
        value = value.apply(event("page_view", muchLater, "/a", null, null), muchLater, RULES).sessions();
        assertThat(value.sessions()).extracting(Session::startMillis).containsExactly(muchLater);
    }

    @Test
    void distinctValuesAreCappedButEveryEventIsCounted() {
        SessionRules rules = new SessionRules(RULES.gapMillis(), RULES.minEngagementMillis(), RULES.pagesPerMinute(),
                RULES.maxSessions(), RULES.retentionMillis(), 3, RULES.graceMillis());
        UserSessions value = UserSessions.first(event("page_view", T0, "/0", null, null), rules).sessions();
        for (int i = 1; i < 10; i++) {
            value = value.apply(event("page_view", T0 + i, "/" + i, null, null), T0 + i, rules).sessions();
        }
        assertThat(value.latest().pages()).containsExactly("/0", "/1", "/2");
        assertThat(value.latest().pageViews()).isEqualTo(10);
    }

    @Test
    void aCensusRebuiltFromTheStoreEqualsTheOneKeptUpToDate() {
        SessionCensus live = new SessionCensus(1800);
        Map<String, Long> latestEnd = new HashMap<>();
        SplittableRandom random = new SplittableRandom(5);
        long time = T0;
        for (int i = 0; i < 5_000; i++) {
            time += random.nextInt(2_000);
            String user = "u" + random.nextInt(400);
            Long before = latestEnd.get(user);
            long end = before == null ? time : Math.max(before, time);
            live.update(before == null ? OptionalLong.empty() : OptionalLong.of(before), end, time);
            latestEnd.put(user, end);
        }
        SessionCensus rebuilt = new SessionCensus(1800);
        latestEnd.values().forEach(rebuilt::restore);

        assertThat(rebuilt.snapshot()).isEqualTo(live.snapshot());
        assertThat(live.index().size()).isLessThanOrEqualTo(1801);
    }

    @Test
    void partialCensusesMergeAssociativelyAndAnEmptyMergeIsZero() {
        CensusSnapshot a = new CensusSnapshot(3, T0, new TreeMap<>(Map.of(T0 / 1000 - 1800, 1L, T0 / 1000, 2L)));
        CensusSnapshot b = new CensusSnapshot(2, T0 + 10_000, new TreeMap<>(Map.of(T0 / 1000 + 10, 1L)));
        CensusSnapshot c = new CensusSnapshot(4, null, new TreeMap<>());

        CensusSnapshot left = CensusSnapshot.merge(List.of(CensusSnapshot.merge(List.of(a, b), 1800), c), 1800);
        CensusSnapshot right = CensusSnapshot.merge(List.of(a, CensusSnapshot.merge(List.of(b, c), 1800)), 1800);

        assertThat(left).isEqualTo(right);
        assertThat(left.users()).isEqualTo(9);
        // At T0 + 10 s, the user last seen at T0 − 1800 s is more than the gap behind.
        assertThat(left.activeSessions(1800)).isEqualTo(3);
        assertThat(CensusSnapshot.merge(List.of(), 1800).activeSessions(1800)).isZero();
    }

    private static UserEvent event(String type, long millis, String page, String device, String location) {
        Map<String, Object> data = new HashMap<>();
        if (page != null) {
            data.put("page", page);
        }
        if (device != null) {
            data.put("device", device);
        }
        if (location != null) {
            data.put("location", location);
        }
        return new UserEvent("u1", type, millis / 1000.0, data, null);
    }
}
