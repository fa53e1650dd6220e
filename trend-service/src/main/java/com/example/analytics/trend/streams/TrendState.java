package com.example.analytics.trend.streams;

import com.example.analytics.support.window.SecondCounts;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One trend key's counts: per second for the spike window, per minute for the baseline and the hourly history,
 * and whether the key is spiking (for the rising edge). One value, written once per partial count.
 */
public final class TrendState {

    private static final byte FORMAT = 2;
    static final long NO_SPIKE = Long.MIN_VALUE;

    final SecondCounts seconds;
    /** Keyed by minute number (epoch second / 60), reusing the sparse sorted counts. */
    final SecondCounts minutes;
    boolean spiking;
    /** The second of the most recent spike reported, so that counts arriving late do not report it twice. */
    long lastSpikeSecond;

    TrendState() {
        this(new SecondCounts(), new SecondCounts(), false, NO_SPIKE);
    }

    private TrendState(SecondCounts seconds, SecondCounts minutes, boolean spiking, long lastSpikeSecond) {
        this.seconds = seconds;
        this.minutes = minutes;
        this.spiking = spiking;
        this.lastSpikeSecond = lastSpikeSecond;
    }

    public long eventsInWindowEndingAt(long second, int windowSeconds) {
        return seconds.sumOfWindowEndingAt(second, windowSeconds);
    }

    public long eventsInMinutesEndingAt(long minute, int minutesBack) {
        return minutes.sumOfWindowEndingAt(minute, minutesBack);
    }

    public long eventsInMinute(long minute) {
        return minutes.sumBetween(minute, minute);
    }

    public static Serde<TrendState> serde() {
        return Serdes.serdeFrom((topic, state) -> state == null ? null : state.toBytes(),
                (topic, bytes) -> bytes == null ? null : fromBytes(bytes));
    }

    private byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(2 + Long.BYTES + seconds.serializedSize() + minutes.serializedSize());
        buffer.put(FORMAT).put((byte) (spiking ? 1 : 0)).putLong(lastSpikeSecond);
        seconds.writeTo(buffer);
        minutes.writeTo(buffer);
        return buffer.array();
    }

    private static TrendState fromBytes(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        if (buffer.get() != FORMAT) {
            throw new IllegalStateException("unknown trend state format");
        }
        boolean spiking = buffer.get() == 1;
        long lastSpikeSecond = buffer.getLong();
        return new TrendState(SecondCounts.readFrom(buffer), SecondCounts.readFrom(buffer), spiking, lastSpikeSecond);
    }
}
