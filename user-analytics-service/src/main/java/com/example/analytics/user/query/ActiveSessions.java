package com.example.analytics.user.query;

/** The live figures of {@code GET /api/sessions/active}, over all partitions. */
public record ActiveSessions(long activeSessions, long totalUsers) {
}
