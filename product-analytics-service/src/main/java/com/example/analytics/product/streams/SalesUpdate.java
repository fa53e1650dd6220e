package com.example.analytics.product.streams;

import com.example.analytics.support.progress.SourceProgress;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What a source task sends through {@code sales-by-store}: sales, and how far in event time it is done, so the
 * sales windows close only once every source is past them. A record without {@code kind} is a {@link Sale}: the
 * topic carried nothing else before, and such records may still be in it when this version starts.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind", defaultImpl = Sale.class)
@JsonSubTypes({@JsonSubTypes.Type(value = Sale.class, name = "sale"),
        @JsonSubTypes.Type(value = SalesUpdate.Progress.class, name = "progress")})
public sealed interface SalesUpdate permits Sale, SalesUpdate.Progress {

    /** A source's progress in milliseconds, written as the {@link SourceProgress} itself beside its kind. */
    record Progress(@JsonValue SourceProgress progress) implements SalesUpdate {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public Progress {
        }
    }
}
