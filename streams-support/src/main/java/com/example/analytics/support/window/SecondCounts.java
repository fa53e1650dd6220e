package com.example.analytics.support.window;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.function.LongConsumer;

/**
 * Event counts per event-time second, kept sparse and sorted: the compact per-key state behind every trailing
 * window of DESIGN.md section 3 ("the N-second window at t holds seconds ⌊t⌋−N+1 … ⌊t⌋"). Only seconds that had
 * events take space, so an hour-long window of a quiet key costs a few bytes and a busy one at most one entry per
 * second. Out-of-order additions are placed where they belong, so a window evaluated at an earlier time than the
 * newest entry counts exactly what it should.
 *
 * <p>Not thread-safe: a value of one key inside one stream task.
 */
public final class SecondCounts {

    private long[] seconds;
    private int[] counts;
    private int size;
    private long total;

    public SecondCounts() {
        this(4);
    }

    private SecondCounts(int capacity) {
        this.seconds = new long[capacity];
        this.counts = new int[capacity];
    }

    /** The second an epoch-millisecond time belongs to (floor, also for times before 1970). */
    public static long secondOf(long epochMillis) {
        return Math.floorDiv(epochMillis, 1000L);
    }

    public void add(long second, int n) {
        int index = indexOf(second);
        if (index >= 0) {
            counts[index] += n;
        } else {
            insert(-index - 1, second, n);
        }
        total += n;
    }

    /** Events in seconds {@code from … to}, both inclusive. */
    public long sumBetween(long fromSecond, long toSecond) {
        if (size == 0 || toSecond < fromSecond) {
            return 0;
        }
        long sum = total;
        for (int i = 0; i < size && seconds[i] < fromSecond; i++) {
            sum -= counts[i];
        }
        for (int i = size - 1; i >= 0 && seconds[i] > toSecond; i--) {
            sum -= counts[i];
        }
        return Math.max(sum, 0);
    }

    /** Events in the {@code windowSeconds}-second window at {@code second}: seconds second−N+1 … second. */
    public long sumOfWindowEndingAt(long second, int windowSeconds) {
        return sumBetween(second - windowSeconds + 1, second);
    }

    /** Calls {@code action} with every second that has events in {@code from … to}, both inclusive, in order. */
    public void forEachSecondBetween(long fromSecond, long toSecond, LongConsumer action) {
        for (int i = 0; i < size && seconds[i] <= toSecond; i++) {
            if (seconds[i] >= fromSecond) {
                action.accept(seconds[i]);
            }
        }
    }

    /** Forgets every second before {@code second}; returns whether anything is left. */
    public boolean pruneBefore(long second) {
        int drop = 0;
        while (drop < size && seconds[drop] < second) {
            total -= counts[drop];
            drop++;
        }
        if (drop > 0) {
            System.arraycopy(seconds, drop, seconds, 0, size - drop);
            System.arraycopy(counts, drop, counts, 0, size - drop);
            size -= drop;
        }
        return size > 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The latest second with events; only meaningful when not empty. */
    public long newestSecond() {
        return seconds[size - 1];
    }

    public long total() {
        return total;
    }

    /** Distinct seconds held, the measure of this value's size. */
    public int entries() {
        return size;
    }

    /** Encoded as: entry count, first second, then per entry the gap to the previous second and the count. */
    public int serializedSize() {
        int bytes = varIntSize(size) + (size == 0 ? 0 : 8);
        for (int i = 0; i < size; i++) {
            bytes += varLongSize(i == 0 ? 0 : seconds[i] - seconds[i - 1]) + varIntSize(counts[i]);
        }
        return bytes;
    }

    public void writeTo(ByteBuffer buffer) {
        putVarLong(buffer, size);
        if (size == 0) {
            return;
        }
        buffer.putLong(seconds[0]);
        for (int i = 0; i < size; i++) {
            putVarLong(buffer, i == 0 ? 0 : seconds[i] - seconds[i - 1]);
            putVarLong(buffer, counts[i]);
        }
    }

    public static SecondCounts readFrom(ByteBuffer buffer) {
        int size = (int) getVarLong(buffer);
        SecondCounts result = new SecondCounts(Math.max(size, 4));
        if (size == 0) {
            return result;
        }
        long second = buffer.getLong();
        for (int i = 0; i < size; i++) {
            second += getVarLong(buffer);
            int count = (int) getVarLong(buffer);
            result.seconds[i] = second;
            result.counts[i] = count;
            result.total += count;
        }
        result.size = size;
        return result;
    }

    public byte[] toBytes() {
        ByteBuffer buffer = ByteBuffer.allocate(serializedSize());
        writeTo(buffer);
        return buffer.array();
    }

    public static SecondCounts fromBytes(byte[] bytes) {
        return readFrom(ByteBuffer.wrap(bytes));
    }

    private int indexOf(long second) {
        // Almost every event is the newest or close to it: look at the end first.
        if (size == 0 || second > seconds[size - 1]) {
            return -(size + 1);
        }
        if (second == seconds[size - 1]) {
            return size - 1;
        }
        return Arrays.binarySearch(seconds, 0, size, second);
    }

    private void insert(int at, long second, int n) {
        if (size == seconds.length) {
            int capacity = seconds.length * 2;
            seconds = Arrays.copyOf(seconds, capacity);
            counts = Arrays.copyOf(counts, capacity);
        }
        System.arraycopy(seconds, at, seconds, at + 1, size - at);
        System.arraycopy(counts, at, counts, at + 1, size - at);
        seconds[at] = second;
        counts[at] = n;
        size++;
    }

    private static int varIntSize(long value) {
        return varLongSize(value);
    }

    private static int varLongSize(long value) {
        int bytes = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            bytes++;
        }
        return bytes;
    }

    private static void putVarLong(ByteBuffer buffer, long value) {
        while ((value & ~0x7FL) != 0) {
            buffer.put((byte) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        buffer.put((byte) value);
    }

    private static long getVarLong(ByteBuffer buffer) {
        long value = 0;
        int shift = 0;
        byte b;
        do {
            b = buffer.get();
            value |= (long) (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return value;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SecondCounts that) || that.size != size) {
            return false;
        }
        return Arrays.equals(seconds, 0, size, that.seconds, 0, size)
                && Arrays.equals(counts, 0, size, that.counts, 0, size);
    }

    @Override
    public int hashCode() {
        int hash = size;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + Long.hashCode(seconds[i]) * 17 + counts[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SecondCounts{");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(seconds[i]).append('=').append(counts[i]);
        }
        return text.append('}').toString();
    }
}
