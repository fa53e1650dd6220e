package com.example.analytics.trend.streams;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What a source task sends through the re-key by trend key: partial counts, and how far in event time it is done,
 * so the counter knows when a second is complete across every source.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = PartialCount.class, name = "count"),
        @JsonSubTypes.Type(value = SourceProgress.class, name = "progress")})
sealed interface TrendUpdate permits PartialCount, SourceProgress {
}
