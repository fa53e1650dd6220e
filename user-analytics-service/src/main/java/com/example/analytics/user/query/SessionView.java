package com.example.analytics.user.query;

import com.example.analytics.model.EpochSeconds;
import com.example.analytics.user.session.Session;
import java.util.List;

/**
 * A session as the REST API shows it; times in epoch seconds, {@code engagement_score} in page views per minute
 * (absent for a single-instant session).
 *
 * @param highEngagement whether a {@code high_engagement} action was emitted for this session
 * @param active         whether its last event is within the session gap of stream time ({@code as_of})
 */
public record SessionView(String userId, double sessionStart, double sessionEnd, double durationSeconds,
                          int eventCount, int pageViews, int distinctPages, List<String> pages, List<String> devices,
                          List<String> locations, Double engagementScore, boolean highEngagement, boolean active) {

    static SessionView of(String userId, Session session, boolean active) {
        return new SessionView(userId, EpochSeconds.fromMillis(session.startMillis()),
                EpochSeconds.fromMillis(session.endMillis()), session.durationMillis() / 1000.0, session.events(),
                session.pageViews(), session.pages().size(), session.pages(), session.devices(), session.locations(),
                session.pagesPerMinute().orElse(null), session.engaged(), active);
    }
}
