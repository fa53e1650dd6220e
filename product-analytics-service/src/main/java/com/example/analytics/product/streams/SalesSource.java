package com.example.analytics.product.streams;

import com.example.analytics.model.ProductEvent;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.support.progress.ProgressReporter;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The source side of the sales summaries, in each source task: purchases worth summarising, re-keyed by store,
 * and on every {@code progress-interval} (wall clock) how far in event time the task is done, which
 * {@link ProductTopology} sends to every partition of {@code sales-by-store}.
 */
final class SalesSource implements Processor<String, ProductEvent, String, SalesUpdate> {

    private final ProductProperties.Sales sales;
    private final ProgressReporter progress;
    private ProcessorContext<String, SalesUpdate> context;

    SalesSource(ProductProperties.Sales sales, ProgressReporter progress) {
        this.sales = sales;
        this.progress = progress;
    }

    @Override
    public void init(ProcessorContext<String, SalesUpdate> context) {
        this.context = context;
        context.schedule(sales.progressInterval(), PunctuationType.WALL_CLOCK_TIME, now ->
                progress.report(context, now).ifPresent(record ->
                        context.forward(record.withValue(new SalesUpdate.Progress(record.value())))));
    }

    @Override
    public void process(Record<String, ProductEvent> record) {
        ProductTopology.sale(record.key(), record.value(), sales).ifPresent(sale ->
                context.forward(record.withKey(sale.storeId()).withValue(sale)));
    }
}
