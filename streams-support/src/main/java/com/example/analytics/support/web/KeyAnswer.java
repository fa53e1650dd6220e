package com.example.analytics.support.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The REST answer to a per-key query: the value's own fields, and where and as of when it was read.
 *
 * @param value    flattened into the answer, so a client reads {@code total_views} rather than {@code value.total_views}
 * @param asOf     stream time of the answering instance in epoch seconds; absent before it has processed a record
 * @param servedBy {@code host:port} of the instance whose store answered
 * @param stale    true when a standby replica answered because the active one could not
 */
public record KeyAnswer<T>(
        @JsonUnwrapped T value,
        @Schema(description = "Stream time of the answering instance, epoch seconds; absent before its first record")
        Double asOf,
        @Schema(description = "host:port of the instance whose store answered")
        String servedBy,
        @Schema(description = "True when a standby replica answered because the active one could not")
        boolean stale) {
}
