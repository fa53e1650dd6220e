package com.example.analytics.loadgen.sink;

import java.util.function.LongSupplier;

/**
 * Holds records back until their event time has come, scaled by a speed factor: speed 1 with event time starting
 * now is live traffic; speed 60 plays an hour in a minute; {@link #unpaced()} sends as fast as the sink can.
 */
public final class Pacer {

    private final double speed;
    private final LongSupplier clock;
    private long firstEventTime = Long.MIN_VALUE;
    private long firstWallTime;

    private Pacer(double speed, LongSupplier clock) {
        this.speed = speed;
        this.clock = clock;
    }

    public static Pacer unpaced() {
        return new Pacer(0, System::currentTimeMillis);
    }

    /** Event time is wall-clock time: a record is due at its own timestamp, so records from the past go at once. */
    public static Pacer live() {
        Pacer pacer = new Pacer(1, System::currentTimeMillis);
        pacer.firstEventTime = 0;
        pacer.firstWallTime = 0;
        return pacer;
    }

    public static Pacer speed(double speed) {
        if (!(speed > 0) || !Double.isFinite(speed)) {
            throw new IllegalArgumentException("speed must be a positive number");
        }
        return new Pacer(speed, System::currentTimeMillis);
    }

    /** Blocks until a record of this event time is due. */
    public void await(long eventTimeMillis) throws InterruptedException {
        if (speed == 0) {
            return;
        }
        if (firstEventTime == Long.MIN_VALUE) {
            firstEventTime = eventTimeMillis;
            firstWallTime = clock.getAsLong();
            return;
        }
        long due = firstWallTime + (long) ((eventTimeMillis - firstEventTime) / speed);
        long wait = due - clock.getAsLong();
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }
}
