package com.example.analytics.benchmarks;

import com.example.analytics.cli.Progress;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;

/** Generated traffic written into the input topics before a catch-up, as fast as the broker takes it. */
final class Prefill {

    private Prefill() {
    }

    /**
     * Sends every record {@code config} generates and waits until all are acknowledged, with a progress bar on
     * standard error: a pre-fill of millions takes minutes.
     */
    static InjectionReport write(String bootstrap, GeneratorConfig config) {
        LoadGenerator generator = new LoadGenerator(config);
        try (KafkaSink sink = KafkaSink.to(bootstrap);
             Progress progress = Progress.start("pre-fill", config.events())) {
            generator.stream().forEach(record -> {
                sink.send(record);
                progress.advance();
            });
            sink.flush();
        }
        return generator.report();
    }
}
