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
import java.util.List;
import java.util.function.Predicate;

/**
 * The benchmark command: pre-fills the input topics with generated traffic (all scenarios, 1% bad records, several
 * hours of simulated time), then has every candidate catch up on them ({@link CatchUpBenchmark}).
 *
 * <pre>
 * Benchmarks [--events N] [--users U] [--rounds R] [--only name,name] [--latency-seconds S]
 *            [--bootstrap-servers host:port]
 * </pre>
 * {@code --only} keeps the candidates whose name contains one of the given words (the baselines always run; the
 * four services together are {@code four}). After the four caught up together, latency is measured for
 * {@code --latency-seconds} at each load level (0 skips it). {@code --users} sets the generated user population,
 * for the growth runs. Without bootstrap servers it starts a broker in this JVM. With them, the input topics must
 * exist and hold nothing else: every candidate reads them from offset 0.
 */
public final class Benchmarks {

    /** The command line, with the defaults of a full run. */
    record Options(long events, int users, int rounds, Predicate<String> chosen, Duration latencyPerLevel,
                   String bootstrap) {

        static Options parse(String... args) {
            long events = 2_000_000;
            int users = 100_000;
            int rounds = 2;
            String bootstrap = null;
            List<String> only = List.of();
            Duration latency = Duration.ofSeconds(30);
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--events" -> events = Long.parseLong(args[++i]);
                    case "--users" -> users = Integer.parseInt(args[++i]);
                    case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                    case "--bootstrap-servers" -> bootstrap = args[++i];
                    case "--only" -> only = List.of(args[++i].split(","));
                    case "--latency-seconds" -> latency = Duration.ofSeconds(Long.parseLong(args[++i]));
                    default -> throw new IllegalArgumentException("unknown option " + args[i] + "; options: "
                            + "--events N, --users U, --rounds R, --only name,name, --latency-seconds S, "
                            + "--bootstrap-servers host:port");
                }
            }
            List<String> words = only;
            return new Options(events, users, rounds, name -> words.isEmpty() || words.stream().anyMatch(name::contains),
                    latency, bootstrap);
        }
    }

    private Benchmarks() {
    }

    public static void main(String[] args) throws IOException {
        Options options = Options.parse(args);
        if (options.bootstrap() != null) {
            run(options.bootstrap(), options);
            return;
        }
        try (BenchmarkBroker broker = BenchmarkBroker.start()) {
            run(broker.bootstrapServers(), options);
        }
    }

    static void run(String bootstrap, Options options) throws IOException {
        prefill(bootstrap, options.events(), options.users());
        Path stateRoot = Files.createTempDirectory("analytics-benchmarks");
        new CatchUpBenchmark(bootstrap, stateRoot, System.out, options.latencyPerLevel())
                .run(options.rounds(), options.chosen());
    }

    /** Traffic over four hours of event time, whatever the count. */
    static InjectionReport prefill(String bootstrap, long events, int users) {
        GeneratorConfig config = GeneratorConfig.builder().seed(14).events(events).users(users)
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
