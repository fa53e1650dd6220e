package com.example.analytics.loadgen;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A realistic, deterministic stream of {@code user_events} and {@code product_events}: users of Zipf-like
 * popularity browse in sessions (landing, page views, searches, product views, add-to-cart, sometimes a purchase,
 * logout) with think times, from their device and home town, with the configured scenarios injected on top.
 * Records are produced lazily in event-time order (except those deliberately sent out of order or late), so any
 * number of them can be consumed in constant memory.
 *
 * <pre>{@code
 * LoadGenerator generator = new LoadGenerator(GeneratorConfig.builder().seed(7).users(1_000).events(100_000).build());
 * generator.stream().forEach(record -> producer.send(...));   // or KafkaSink / JsonLinesSink
 * generator.report().injections(Scenario.BOT_BURST);          // what must be detected
 * }</pre>
 */
public final class LoadGenerator {

    private final GeneratorConfig config;
    private final InjectionReport report = new InjectionReport();
    private boolean started;

    public LoadGenerator(GeneratorConfig config) {
        this.config = config;
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The records, once: a generator is a single pass, so its report describes exactly what was consumed. */
    public synchronized Iterator<GeneratedRecord> iterator() {
        if (started) {
            throw new IllegalStateException("a generator is consumed once; create another for a second pass");
        }
        started = true;
        return new Simulation(config, report);
    }

    public Stream<GeneratedRecord> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Filled in while the stream is consumed. */
    public InjectionReport report() {
        return report;
    }
}
