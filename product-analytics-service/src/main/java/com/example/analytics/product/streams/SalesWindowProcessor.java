package com.example.analytics.product.streams;

import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.streams.TopologyEnvironment;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Tumbling windows of sales per store that emit one final summary per (store, window) when the window closes:
 * at stream time window end + grace, or, when traffic stops, once as much wall-clock time has passed since stream
 * time last moved (so an idle store's last window does not wait forever for the next purchase).
 *
 * <p>The time up to which windows are closed is kept in a changelogged store: after a crash or a rebalance a
 * purchase for an already-emitted window is late, never the start of a second summary for it.
 */
final class SalesWindowProcessor implements Processor<String, Sale, String, SalesSummary> {

    static final String CLOSED_UNTIL = "closed_until";

    private final long windowMillis;
    private final long graceMillis;
    private final ProductProperties.Sales sales;
    private final TopologyEnvironment env;

    private ProcessorContext<String, SalesSummary> context;
    private KeyValueStore<String, SalesWindow> open;
    private KeyValueStore<String, Long> progress;
    private WindowStore<String, SalesSummary> closed;
    private long closedUntil;
    private long nextCloseAt;
    private long lastStreamTime = Long.MIN_VALUE;
    private long wallClockAtLastAdvance;

    SalesWindowProcessor(ProductProperties.Sales sales, TopologyEnvironment env) {
        this.sales = sales;
        this.windowMillis = sales.window().toMillis();
        this.graceMillis = sales.grace().toMillis();
        this.env = env;
    }

    @Override
    public void init(ProcessorContext<String, SalesSummary> context) {
        this.context = context;
        open = context.getStateStore(ProductTopology.SALES_OPEN_STORE);
        progress = context.getStateStore(ProductTopology.SALES_PROGRESS_STORE);
        closed = context.getStateStore(ProductTopology.SALES_STORE);
        Long restored = progress.get(CLOSED_UNTIL);
        closedUntil = restored == null ? Long.MIN_VALUE : restored;
        nextCloseAt = earliestClose();
        context.schedule(sales.idleCheck(), PunctuationType.WALL_CLOCK_TIME, this::closeIdleWindows);
    }

    @Override
    public void process(Record<String, Sale> record) {
        Sale sale = record.value();
        long start = Math.floorDiv(sale.eventTimeMillis(), windowMillis) * windowMillis;
        long end = start + windowMillis;
        long streamTime = context.currentStreamTimeMs();
        if (end + graceMillis <= Math.max(closedUntil, streamTime)) {
            env.metrics().late(Topics.PRODUCT_EVENTS.name());
            return;
        }
        String key = openKey(sale.storeId(), start);
        SalesWindow window = open.get(key);
        open.put(key, window == null ? SalesWindow.first(sale, start, end) : window.plus(sale));
        nextCloseAt = Math.min(nextCloseAt, end + graceMillis);
        if (streamTime > lastStreamTime) {
            lastStreamTime = streamTime;
            wallClockAtLastAdvance = context.currentSystemTimeMs();
        }
        closeUpTo(streamTime);
    }

    private void closeIdleWindows(long wallClockNow) {
        if (lastStreamTime == Long.MIN_VALUE) {
            lastStreamTime = context.currentStreamTimeMs();
            wallClockAtLastAdvance = wallClockNow;
        }
        if (lastStreamTime >= 0) {
            closeUpTo(lastStreamTime + Math.max(0, wallClockNow - wallClockAtLastAdvance));
        }
    }

    private void closeUpTo(long time) {
        if (time < nextCloseAt) {
            return;
        }
        List<KeyValue<String, SalesWindow>> closing = new ArrayList<>();
        try (KeyValueIterator<String, SalesWindow> windows = open.all()) {
            windows.forEachRemaining(entry -> {
                if (entry.value.endMillis() + graceMillis <= time) {
                    closing.add(entry);
                }
            });
        }
        for (KeyValue<String, SalesWindow> entry : closing) {
            SalesSummary summary = entry.value.summary();
            closed.put(entry.value.storeId(), summary, entry.value.startMillis());
            open.delete(entry.key);
            context.forward(new Record<>(entry.value.storeId(), summary, entry.value.startMillis()));
        }
        closedUntil = Math.max(closedUntil, time);
        progress.put(CLOSED_UNTIL, closedUntil);
        nextCloseAt = earliestClose();
    }

    private long earliestClose() {
        long earliest = Long.MAX_VALUE;
        try (KeyValueIterator<String, SalesWindow> windows = open.all()) {
            while (windows.hasNext()) {
                earliest = Math.min(earliest, windows.next().value.endMillis() + graceMillis);
            }
        }
        return earliest;
    }

    private static String openKey(String storeId, long startMillis) {
        return startMillis + "/" + storeId;
    }
}
