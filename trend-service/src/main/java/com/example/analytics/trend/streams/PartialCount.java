package com.example.analytics.trend.streams;

/** Events of one trend key in one event-time second, as counted by one source task (or 1 when not pre-aggregated). */
record PartialCount(String trendKey, long second, long count) implements TrendUpdate {
}
