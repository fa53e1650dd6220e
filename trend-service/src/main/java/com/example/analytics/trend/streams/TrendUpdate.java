package com.example.analytics.trend.streams;

import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.support.progress.SourceProgress;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * What a source task sends through the re-key by trend key: partial counts, and how far in event time it is done,
 * so the counter knows when a second is complete across every source.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({@JsonSubTypes.Type(value = PartialCounts.class, name = "counts"),
        @JsonSubTypes.Type(value = PartialCount.class, name = "count"),
        @JsonSubTypes.Type(value = TrendUpdate.Progress.class, name = "progress")})
sealed interface TrendUpdate permits PartialCounts, PartialCount, TrendUpdate.Progress {

    /**
     * A source's progress in seconds. Written as the {@link SourceProgress} itself beside {@code "kind":"progress"},
     * as before {@link SourceProgress} moved to streams-support, so records in flight and stored state stay
     * readable across the upgrade (and a rollback).
     */
    record Progress(@JsonValue SourceProgress progress) implements TrendUpdate {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public Progress {
        }
    }

    /** The serde of the progress store: the same JSON as a {@link Progress} in the re-key topic. */
    static Serde<SourceProgress> progressSerde() {
        JsonSerde<TrendUpdate> json = JsonSerde.of(TrendUpdate.class);
        return Serdes.serdeFrom((topic, progress) -> json.toBytes(progress == null ? null : new Progress(progress)),
                (topic, bytes) -> bytes == null ? null : ((Progress) json.fromBytes(bytes)).progress());
    }
}
