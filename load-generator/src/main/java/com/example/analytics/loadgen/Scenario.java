package com.example.analytics.loadgen;

/** Traffic patterns the generator can inject on top of normal shop traffic, each switchable on its own. */
public enum Scenario {
    /** A bot user sends a burst of events: excessive activity. */
    BOT_BURST,
    /** A user appears in many distinct locations within the hour: impossible travel. */
    IMPOSSIBLE_TRAVEL,
    /** A suspicious login followed by a large transaction within 5 minutes (plus a late one that must not match). */
    SUSPICIOUS_LOGIN,
    /** A new product is viewed far more than 100 times within the hour: trending. */
    VIRAL_PRODUCT,
    /** Many users send one event type that normal traffic never has: an event spike. */
    SITE_SPIKE,
    /** A user reads pages faster than 5 per minute for minutes: high engagement. */
    ENGAGED_SESSION,
    /** Some normal events arrive a few seconds behind their neighbours, within the grace period. */
    OUT_OF_ORDER,
    /** Some normal events arrive far behind stream time, beyond the grace period. */
    LATE,
    /** Some records are replaced by bad input of every kind. */
    BAD_RECORDS
}
