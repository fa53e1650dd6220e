package com.example.analytics.model;

/** Conversions between the wire's epoch seconds (fractional) and Kafka's epoch milliseconds. */
public final class EpochSeconds {

    private EpochSeconds() {
    }

    /** Rounds to the nearest millisecond so that 1732450000.25 is exactly 1732450000250. */
    public static long toMillis(double epochSeconds) {
        return Math.round(epochSeconds * 1000.0);
    }

    public static double fromMillis(long epochMillis) {
        return epochMillis / 1000.0;
    }
}
