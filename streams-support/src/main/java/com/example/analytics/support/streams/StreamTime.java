package com.example.analytics.support.streams;

import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAccumulator;

/**
 * The largest event time this instance has processed: "now" for queries and the {@code as_of} of every response.
 * Written by stream threads on every record, read by REST threads.
 */
public final class StreamTime {

    private static final long UNKNOWN = Long.MIN_VALUE;

    private final LongAccumulator max = new LongAccumulator(Math::max, UNKNOWN);

    public void observe(long eventTimeMillis) {
        max.accumulate(eventTimeMillis);
    }

    /** Empty until the first record (or restored stream time) has been seen. */
    public OptionalLong millis() {
        long value = max.get();
        return value == UNKNOWN ? OptionalLong.empty() : OptionalLong.of(value);
    }

    /** Epoch seconds for responses, or {@code null} while unknown. */
    public Double epochSeconds() {
        long value = max.get();
        return value == UNKNOWN ? null : value / 1000.0;
    }
}
