package com.example.analytics.product.streams;

import com.example.analytics.model.SalesSummary;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.progress.SourceFrontier;
import com.example.analytics.support.progress.SourceProgress;
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
 * once every source task is done with the window's event times ({@link SourceFrontier}), i.e. each source
 * partition's stream time has passed window end + grace, or the partition is idle. This task's own stream time
 * says nothing about that: it is driven by the fastest source, and a source catching up a backlog, or one whose
 * instance crashed, still has purchases for windows it has passed.
 *
 * <p>How far windows are closed is kept in a changelogged store: after a crash or a rebalance a purchase for an
 * already-emitted window (possible only from a source that was left out as idle) is late, never the start of a
 * second summary for it. So is how far each source is done, so a restarted task waits for the same sources.
 */
final class SalesWindowProcessor implements Processor<String, SalesUpdate, String, SalesSummary> {

    /**
     * Key of the stream time up to which windows are closed: every window whose end + grace is not after it. Kept
     * in that form (not as the frontier) so state written before the frontier existed means the same.
     */
    static final String CLOSED_UNTIL = "closed_until";
    /** Where purchases for windows already closed are reported. */
    static final String LATE_SALES = "sales-closed-windows";

    private final long windowMillis;
    private final long graceMillis;
    private final ProductProperties.Sales sales;
    private final TopologyEnvironment env;

    private ProcessorContext<String, SalesSummary> context;
    private KeyValueStore<String, SalesWindow> open;
    private KeyValueStore<String, Long> progress;
    private KeyValueStore<String, SourceProgress> sources;
    private WindowStore<String, SalesSummary> closed;
    private SourceFrontier frontier;
    /** The frontier at which the earliest open window closes. */
    private long nextCloseAt;

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
        sources = context.getStateStore(ProductTopology.SALES_SOURCES_STORE);
        closed = context.getStateStore(ProductTopology.SALES_STORE);
        Long closedUntil = progress.get(CLOSED_UNTIL);
        frontier = new SourceFrontier(sales.idleSourceTimeout().toMillis(),
                closedUntil == null ? SourceFrontier.NONE : closedUntil - graceMillis - 1);
        try (KeyValueIterator<String, SourceProgress> restored = sources.all()) {
            restored.forEachRemaining(source -> frontier.report(source.value));
        }
        nextCloseAt = earliestClose();
        // Sources that stop reporting are only left out after a timeout, which needs a clock of its own.
        context.schedule(sales.progressInterval(), PunctuationType.WALL_CLOCK_TIME, this::closeUpToFrontier);
    }

    @Override
    public void process(Record<String, SalesUpdate> record) {
        if (record.value() instanceof Sale sale) {
            add(sale);
        } else if (record.value() instanceof SalesUpdate.Progress update) {
            SourceProgress source = update.progress();
            if (frontier.report(source)) {
                sources.put(source.source(), source);
            }
            closeUpToFrontier(context.currentSystemTimeMs());
        }
    }

    private void add(Sale sale) {
        long start = Math.floorDiv(sale.eventTimeMillis(), windowMillis) * windowMillis;
        long end = start + windowMillis;
        if (end - 1 <= frontier.frontier()) {
            env.metrics().late(LATE_SALES);
            return;
        }
        String key = openKey(sale.storeId(), start);
        SalesWindow window = open.get(key);
        open.put(key, window == null ? SalesWindow.first(sale, start, end) : window.plus(sale));
        nextCloseAt = Math.min(nextCloseAt, end - 1);
    }

    /** Closes every window whose event times all sources are done with (its last millisecond at the frontier). */
    private void closeUpToFrontier(long wallClockNow) {
        long from = frontier.frontier();
        long to = frontier.advance(wallClockNow);
        if (to == from) {
            return;
        }
        progress.put(CLOSED_UNTIL, to + graceMillis + 1);
        if (to < nextCloseAt) {
            return;
        }
        List<KeyValue<String, SalesWindow>> closing = new ArrayList<>();
        try (KeyValueIterator<String, SalesWindow> windows = open.all()) {
            windows.forEachRemaining(entry -> {
                if (entry.value.endMillis() - 1 <= to) {
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
        nextCloseAt = earliestClose();
    }

    private long earliestClose() {
        long earliest = Long.MAX_VALUE;
        try (KeyValueIterator<String, SalesWindow> windows = open.all()) {
            while (windows.hasNext()) {
                earliest = Math.min(earliest, windows.next().value.endMillis() - 1);
            }
        }
        return earliest;
    }

    private static String openKey(String storeId, long startMillis) {
        return startMillis + "/" + storeId;
    }
}
