package com.example.analytics.support.window;

import java.nio.ByteBuffer;
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

    /**
     * A ring: entry {@code i} (0 = oldest) lives at {@code (head + i) & (capacity - 1)}, so dropping old seconds as a
     * window moves costs nothing per second kept, however many the window holds.
     */
    private long[] seconds;
    private int[] counts;
    private int head;
    private int size;
    private long total;

    public SecondCounts() {
        this(4);
    }

    private SecondCounts(int minCapacity) {
        int capacity = Integer.highestOneBit(Math.max(4, minCapacity) - 1) << 1;
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
            counts[slot(index)] += n;
        } else {
            insert(-index - 1, second, n);
        }
        total += n;
    }

    /**
     * Adds every second of {@code other} to this one, in one merge of the two: partial counts of several sources
     * cover the same stretch of seconds, and inserting each into the middle would move every newer entry each time.
     */
    public void addAll(SecondCounts other) {
        if (other.size == 0) {
            return;
        }
        if (size == 0 || other.secondAt(0) > newestSecond()) {
            for (int i = 0; i < other.size; i++) {
                add(other.secondAt(i), other.countAt(i));
            }
            return;
        }
        int capacity = seconds.length;
        while (capacity < size + other.size) {
            capacity *= 2;
        }
        long[] mergedSeconds = new long[capacity];
        int[] mergedCounts = new int[capacity];
        int mine = 0;
        int theirs = 0;
        int merged = 0;
        while (mine < size || theirs < other.size) {
            long next = theirs == other.size || (mine < size && secondAt(mine) <= other.secondAt(theirs))
                    ? secondAt(mine) : other.secondAt(theirs);
            int count = 0;
            if (mine < size && secondAt(mine) == next) {
                count += countAt(mine++);
            }
            if (theirs < other.size && other.secondAt(theirs) == next) {
                count += other.countAt(theirs++);
            }
            mergedSeconds[merged] = next;
            mergedCounts[merged++] = count;
        }
        seconds = mergedSeconds;
        counts = mergedCounts;
        head = 0;
        size = merged;
        total += other.total;
    }

    /** Events in {@code second} alone. */
    public int countOf(long second) {
        int index = indexOf(second);
        return index >= 0 ? countAt(index) : 0;
    }

    /** Events in seconds {@code from … to}, both inclusive. */
    public long sumBetween(long fromSecond, long toSecond) {
        if (size == 0 || toSecond < fromSecond) {
            return 0;
        }
        long sum = total;
        for (int i = 0; i < size && secondAt(i) < fromSecond; i++) {
            sum -= countAt(i);
        }
        for (int i = size - 1; i >= 0 && secondAt(i) > toSecond; i--) {
            sum -= countAt(i);
        }
        return Math.max(sum, 0);
    }

    /** Events in the {@code windowSeconds}-second window at {@code second}: seconds second−N+1 … second. */
    public long sumOfWindowEndingAt(long second, int windowSeconds) {
        return sumBetween(second - windowSeconds + 1, second);
    }

    /** Calls {@code action} with every second that has events in {@code from … to}, both inclusive, in order. */
    public void forEachSecondBetween(long fromSecond, long toSecond, LongConsumer action) {
        for (int i = 0; i < size && secondAt(i) <= toSecond; i++) {
            if (secondAt(i) >= fromSecond) {
                action.accept(secondAt(i));
            }
        }
    }

    /** What {@link #forEachWindowBetween} hands on: a second with events and the events of the window ending there. */
    @FunctionalInterface
    public interface WindowConsumer {
        void accept(long second, long windowEvents);
    }

    /**
     * Calls {@code action}, in order, with every second in {@code from … to} that has events and the events of the
     * {@code windowSeconds}-second window ending at it: one pass over the entries however many seconds it visits, where
     * {@link #sumOfWindowEndingAt} for each would walk the seconds after it every time.
     */
    public void forEachWindowBetween(long fromSecond, long toSecond, int windowSeconds, WindowConsumer action) {
        int first = 0;
        while (first < size && secondAt(first) < fromSecond) {
            first++;
        }
        if (first == size || secondAt(first) > toSecond) {
            return;
        }
        long windowEvents = sumOfWindowEndingAt(secondAt(first), windowSeconds);
        int oldestInWindow = first;
        while (oldestInWindow > 0 && secondAt(oldestInWindow - 1) > secondAt(first) - windowSeconds) {
            oldestInWindow--;
        }
        for (int i = first; i < size && secondAt(i) <= toSecond; i++) {
            long second = secondAt(i);
            if (i > first) {
                windowEvents += countAt(i);
                while (secondAt(oldestInWindow) <= second - windowSeconds) {
                    windowEvents -= countAt(oldestInWindow++);
                }
            }
            action.accept(second, windowEvents);
        }
    }

    /** What a consumer of every (second, count) entry, oldest first, gets. */
    @FunctionalInterface
    public interface EntryConsumer {
        void accept(long second, int count);
    }

    /** Calls {@code action} with every second that has events and its count, oldest first. */
    public void forEach(EntryConsumer action) {
        for (int i = 0; i < size; i++) {
            action.accept(secondAt(i), countAt(i));
        }
    }

    /** Forgets every second before {@code second}; returns whether anything is left. */
    public boolean pruneBefore(long second) {
        while (size > 0 && seconds[head] < second) {
            total -= counts[head];
            head = (head + 1) & mask();
            size--;
        }
        return size > 0;
    }

    public void clear() {
        head = 0;
        size = 0;
        total = 0;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** The earliest second with events; only meaningful when not empty. */
    public long oldestSecond() {
        return secondAt(0);
    }

    /** The latest second with events; only meaningful when not empty. */
    public long newestSecond() {
        return secondAt(size - 1);
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
            bytes += varLongSize(i == 0 ? 0 : secondAt(i) - secondAt(i - 1)) + varIntSize(countAt(i));
        }
        return bytes;
    }

    public void writeTo(ByteBuffer buffer) {
        putVarLong(buffer, size);
        if (size == 0) {
            return;
        }
        buffer.putLong(secondAt(0));
        for (int i = 0; i < size; i++) {
            putVarLong(buffer, i == 0 ? 0 : secondAt(i) - secondAt(i - 1));
            putVarLong(buffer, countAt(i));
        }
    }

    public static SecondCounts readFrom(ByteBuffer buffer) {
        int size = (int) getVarLong(buffer);
        SecondCounts result = new SecondCounts(size);
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

    private int slot(int index) {
        return (head + index) & mask();
    }

    private int mask() {
        return seconds.length - 1;
    }

    private long secondAt(int index) {
        return seconds[slot(index)];
    }

    private int countAt(int index) {
        return counts[slot(index)];
    }

    /** The entry index of {@code second}, or {@code -(insertion index) - 1} when it has none. */
    private int indexOf(long second) {
        // Almost every event is the newest or close to it: look at the end first.
        if (size == 0 || second > newestSecond()) {
            return -(size + 1);
        }
        if (second == newestSecond()) {
            return size - 1;
        }
        int low = 0;
        int high = size - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = secondAt(middle);
            if (found < second) {
                low = middle + 1;
            } else if (found > second) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -(low + 1);
    }

    private void insert(int at, long second, int n) {
        if (size == seconds.length) {
            grow();
        }
        // Out of order is rare: shift the newer entries up by one.
        for (int i = size; i > at; i--) {
            seconds[slot(i)] = seconds[slot(i - 1)];
            counts[slot(i)] = counts[slot(i - 1)];
        }
        seconds[slot(at)] = second;
        counts[slot(at)] = n;
        size++;
    }

    private void grow() {
        long[] newSeconds = new long[seconds.length * 2];
        int[] newCounts = new int[seconds.length * 2];
        for (int i = 0; i < size; i++) {
            newSeconds[i] = secondAt(i);
            newCounts[i] = countAt(i);
        }
        seconds = newSeconds;
        counts = newCounts;
        head = 0;
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
        for (int i = 0; i < size; i++) {
            if (secondAt(i) != that.secondAt(i) || countAt(i) != that.countAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int hash = size;
        for (int i = 0; i < size; i++) {
            hash = 31 * hash + Long.hashCode(secondAt(i)) * 17 + countAt(i);
        }
        return hash;
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("SecondCounts{");
        for (int i = 0; i < size; i++) {
            text.append(i == 0 ? "" : ", ").append(secondAt(i)).append('=').append(countAt(i));
        }
        return text.append('}').toString();
    }
}
