package com.example.analytics.trend.streams;

import com.example.analytics.support.progress.ProgressReporter;
import com.example.analytics.support.window.SecondCounts;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Counts events per (trend key, event-time second) inside one source task and sends the partial counts on every
 * {@code flushInterval}, so the re-key by trend key carries a few records per second instead of every event, each
 * flush followed by how far the task is done ({@link ProgressReporter}).
 *
 * <p>The counts live in a changelogged store with a record cache in front: the cache absorbs the increments of the
 * few hot keys, and whatever is not yet sent when a commit happens is in the changelog of the same transaction as
 * the input offsets, so a crash neither loses nor repeats a count.
 */
final class PreAggregator implements Processor<String, String, String, TrendUpdate> {

    private static final char SEPARATOR = '@';

    private final String storeName;
    private final Duration flushInterval;
    private final ProgressReporter progress;
    private KeyValueStore<String, Long> pending;
    private ProcessorContext<String, TrendUpdate> context;

    PreAggregator(String storeName, Duration flushInterval, ProgressReporter progress) {
        this.storeName = storeName;
        this.flushInterval = flushInterval;
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<String, TrendUpdate> context) {
        this.context = context;
        pending = context.getStateStore(storeName);
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> {
            flush();
            TrendTopology.reportProgress(progress, context, now);
        });
    }

    @Override
    public void process(Record<String, String> record) {
        String key = record.value() + SEPARATOR + SecondCounts.secondOf(record.timestamp());
        Long count = pending.get(key);
        pending.put(key, count == null ? 1 : count + 1);
    }

    private void flush() {
        List<KeyValue<String, Long>> partials = new ArrayList<>();
        try (KeyValueIterator<String, Long> all = pending.all()) {
            all.forEachRemaining(partials::add);
        }
        for (KeyValue<String, Long> partial : partials) {
            int at = partial.key.lastIndexOf(SEPARATOR);
            String trendKey = partial.key.substring(0, at);
            long second = Long.parseLong(partial.key.substring(at + 1));
            context.forward(new Record<>(trendKey, new PartialCount(trendKey, second, partial.value), second * 1000));
            pending.delete(partial.key);
        }
    }
}
