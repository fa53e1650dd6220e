package com.example.analytics.support.web;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The REST answer to a global query: the value merged over every partition, and which instances contributed.
 *
 * @param value    flattened into the answer, like {@link KeyAnswer#value()}
 * @param asOf     the latest stream time among the instances that answered, epoch seconds
 * @param servedBy {@code host:port} of every instance whose partitions were merged
 * @param stale    always false: a global answer is only given when every partition was read where it is active
 */
public record GlobalAnswer<T>(
        @JsonUnwrapped T value,
        @Schema(description = "Latest stream time among the instances that answered, epoch seconds")
        Double asOf,
        @Schema(description = "host:port of every instance whose partitions were merged")
        List<String> servedBy,
        @Schema(description = "Always false: a global answer reads every partition where it is active")
        boolean stale) {
}
