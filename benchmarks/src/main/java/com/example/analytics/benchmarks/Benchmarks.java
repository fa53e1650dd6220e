package com.example.analytics.benchmarks;

import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The benchmark command: pre-fills the input topics with generated traffic (all scenarios, 1% bad records, several
 * hours of simulated time), then has every candidate catch up on them ({@link CatchUpBenchmark}).
 *
 * <pre>
 * Benchmarks [--events N] [--rounds R] [--bootstrap-servers host:port]
 * </pre>
 * Without bootstrap servers it starts a broker in this JVM. With them, the input topics must exist and hold nothing
 * else: every candidate reads them from offset 0.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws IOException {
        long events = 2_000_000;
        int rounds = 2;
        String bootstrap = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--events" -> events = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--bootstrap-servers" -> bootstrap = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; options: --events N, --rounds R, --bootstrap-servers host:port");
            }
        }
        if (bootstrap != null) {
            run(bootstrap, events, rounds);
            return;
        }
        try (BenchmarkBroker broker = BenchmarkBroker.start()) {
            run(broker.bootstrapServers(), events, rounds);
        }
    }

    static void run(String bootstrap, long events, int rounds) throws IOException {
        prefill(bootstrap, events);
        Path stateRoot = Files.createTempDirectory("analytics-benchmarks");
        new CatchUpBenchmark(bootstrap, stateRoot, System.out).run(rounds);
    }

    /** Traffic over four hours of event time, whatever the count. */
    static InjectionReport prefill(String bootstrap, long events) {
        GeneratorConfig config = GeneratorConfig.builder().seed(14).events(events)
                .eventsPerSecond(Math.max(20, events / (double) Duration.ofHours(4).toSeconds()))
                .start(Instant.now().minus(Duration.ofHours(6))).badFraction(0.01).build();
        LoadGenerator generator = new LoadGenerator(config);
        long start = System.nanoTime();
        try (KafkaSink sink = KafkaSink.to(bootstrap)) {
            generator.stream().forEach(sink::send);
            sink.flush();
        }
        System.out.printf("pre-filled %,d records in %.1f s: %s%n", events, (System.nanoTime() - start) / 1e9,
                generator.report().recordsByTopic());
        return generator.report();
    }
}
