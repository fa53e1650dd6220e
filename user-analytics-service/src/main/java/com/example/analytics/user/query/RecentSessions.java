package com.example.analytics.user.query;

import java.util.List;

/** A user's recent sessions, newest first. */
public record RecentSessions(String userId, List<SessionView> sessions) {
}
