package com.example.analytics.support.query;

import java.util.List;

/**
 * What instances send each other on the internal endpoints.
 *
 * @param partitions for global queries, the partitions of the store this answer covers
 */
public record Envelope<T>(T value, Double asOf, String servedBy, boolean stale, List<Integer> partitions) {
}
