package com.example.analytics.trend.streams;

import com.example.analytics.model.Event;
import com.example.analytics.support.progress.ProgressReporter;
import com.example.analytics.support.streams.WriteBehindCache;
import com.example.analytics.support.window.SecondCounts;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts events per trend key and event-time second inside one source task and, every {@code flushInterval}, sends
 * each key's counts since the last flush on as one record ({@link PartialCounts}), however many seconds they span,
 * followed by how far the task is done ({@link ProgressReporter}).
 *
 * <p>An event costs a look-up in a small map on the heap ({@link WriteBehindCache}); what is counted but not yet sent
 * when the task commits is written to a changelogged store in the same transaction as the input offsets, so under
 * exactly-once a crash neither loses nor repeats a count, and counts sent before a commit never reach that store.
 */
final class PreAggregator implements Processor<String, Event, String, TrendUpdate> {

    /** First byte of a stored value; the store held one {@code Long} per "key@second" before (first byte 0). */
    private static final byte FORMAT = 2;
    private static final char LEGACY_SEPARATOR = '@';
    /** Event types are the producers' to choose: beyond this many, trend keys are built per event, not kept. */
    private static final int MAX_REMEMBERED_TYPES = 1024;

    private final String keyPrefix;
    private final String cacheName;
    private final String storeName;
    private final Duration flushInterval;
    private final ProgressReporter progress;
    private final Map<String, String> trendKeys = new HashMap<>();
    private ProcessorContext<String, TrendUpdate> context;
    private WriteBehindCache<String, SecondCounts> pending;

    /** @param keyPrefix what makes an event type a trend key on this task's topic: {@code user_} or {@code product_} */
    PreAggregator(String keyPrefix, String cacheName, String storeName, Duration flushInterval,
                  ProgressReporter progress) {
        this.keyPrefix = keyPrefix;
        this.cacheName = cacheName;
        this.storeName = storeName;
        this.flushInterval = flushInterval;
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<String, TrendUpdate> context) {
        this.context = context;
        KeyValueStore<String, byte[]> store = context.getStateStore(storeName);
        pending = context.getStateStore(cacheName);
        pending.attach(key -> decode(store.get(key)), (key, counts) -> {
            if (counts == null) {
                store.delete(key);
            } else {
                store.put(key, encode(counts));
            }
        });
        takeOverUnsent(store);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            flush();
            TrendTopology.reportProgress(progress, context, now);
        });
    }

    @Override
    public void process(Record<String, Event> record) {
        String key = trendKey(record.value().eventType());
        SecondCounts counts = pending.get(key);
        if (counts == null) {
            counts = new SecondCounts();
        }
        counts.add(SecondCounts.secondOf(record.timestamp()), 1);
        pending.put(key, counts);
    }

    private String trendKey(String eventType) {
        String key = trendKeys.get(eventType);
        if (key == null) {
            key = keyPrefix + eventType;
            if (trendKeys.size() < MAX_REMEMBERED_TYPES) {
                trendKeys.put(eventType, key);
            }
        }
        return key;
    }

    private void flush() {
        List<KeyValue<String, SecondCounts>> unsent = new ArrayList<>();
        pending.forEach((key, counts) -> unsent.add(KeyValue.pair(key, counts)));
        for (KeyValue<String, SecondCounts> partial : unsent) {
            // Timestamped by its oldest second, as the first of its counts would have been alone: a counter task
            // reading several re-key topics takes the record with the oldest timestamp first.
            long oldestMillis = partial.value.oldestSecond() * 1000;
            context.forward(new Record<>(partial.key, PartialCounts.of(partial.key, partial.value), oldestMillis));
            pending.remove(partial.key);
        }
    }

    /**
     * Counts a task committed without sending them (restored after a crash or a move) are sent with the next flush.
     * Those of a version that kept one value per "key@second" are taken over into this format.
     */
    private void takeOverUnsent(KeyValueStore<String, byte[]> store) {
        List<KeyValue<String, byte[]>> stored = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> all = store.all()) {
            all.forEachRemaining(stored::add);
        }
        for (KeyValue<String, byte[]> entry : stored) {
            if (entry.value[0] == FORMAT) {
                pending.get(entry.key);
                continue;
            }
            int at = entry.key.lastIndexOf(LEGACY_SEPARATOR);
            String trendKey = entry.key.substring(0, at);
            SecondCounts counts = pending.get(trendKey);
            if (counts == null) {
                counts = new SecondCounts();
            }
            counts.add(Long.parseLong(entry.key.substring(at + 1)), Math.toIntExact(ByteBuffer.wrap(entry.value)
                    .getLong()));
            pending.put(trendKey, counts);
            store.delete(entry.key);
        }
    }

    private static byte[] encode(SecondCounts counts) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + counts.serializedSize()).put(FORMAT);
        counts.writeTo(buffer);
        return buffer.array();
    }

    private static SecondCounts decode(byte[] bytes) {
        return bytes == null ? null : SecondCounts.readFrom(ByteBuffer.wrap(bytes, 1, bytes.length - 1));
    }
}
