package com.example.analytics.user.session;

import com.example.analytics.user.UserAnalyticsProperties;
import java.time.Duration;

/**
 * The session and engagement rules in the units the stream thread uses (milliseconds), derived once from the
 * properties.
 *
 * @param pagesPerMinute the engagement threshold: page views per minute of duration must exceed it
 */
public record SessionRules(long gapMillis, long minEngagementMillis, double pagesPerMinute, int maxSessions,
                           long retentionMillis, int maxDistinctValues, long graceMillis) {

    public static SessionRules of(UserAnalyticsProperties props, Duration grace) {
        if (props.sessionRetention().compareTo(props.sessionGap().plus(grace)) < 0) {
            throw new IllegalArgumentException("analytics.user.session-retention (" + props.sessionRetention()
                    + ") must cover the session gap plus the grace period (" + props.sessionGap().plus(grace)
                    + "), or a late event could miss the session it belongs to");
        }
        return new SessionRules(props.sessionGap().toMillis(), props.minEngagementDuration().toMillis(),
                props.engagementPagesPerMinute(), props.maxSessionsPerUser(), props.sessionRetention().toMillis(),
                props.maxDistinctValues(), grace.toMillis());
    }

    /**
     * Whether no event can join {@code session} any more: one that would (at most a gap after its end) is older
     * than stream time minus the grace period, so it is late and never reaches the sessions. Such a session is
     * closed: stored once, apart from the sessions still open.
     */
    public boolean isClosed(Session session, long streamTimeMillis) {
        return session.endMillis() + gapMillis < streamTimeMillis - graceMillis;
    }

    /**
     * High engagement (DESIGN.md section 4): duration ≥ the minimum and page views per minute of duration above the
     * threshold. Compared as {@code pageViews · 60000 > threshold · durationMillis}, so the boundary (exactly 5.0)
     * is exact rather than subject to the rounding of a division.
     */
    public boolean engaged(Session session) {
        long duration = session.durationMillis();
        return duration >= minEngagementMillis && duration > 0
                && session.pageViews() * 60_000.0 > pagesPerMinute * duration;
    }

    public long gapSeconds() {
        return gapMillis / 1000;
    }
}
