package com.example.analytics.benchmarks;

import com.example.analytics.benchmarks.CatchUpBenchmark.Result;
import com.example.analytics.cli.Cli;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.support.streams.StateStores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The benchmark command ({@link BenchmarksCommand}; {@code --help} lists the options): pre-fills the input topics
 * with generated traffic of each shape (all scenarios, 1% bad records; {@link TrafficShape}), then has every
 * candidate catch up on them ({@link CatchUpBenchmark}).
 *
 * <p>Each shape runs on a broker of its own against baselines of its own. With bootstrap servers only the first
 * shape runs, and the input topics must exist and hold nothing else: every candidate reads them from offset 0.
 *
 * <p>{@code --growth} repeats the baselines and the four service processes on a fresh broker for each of 1M, 2M
 * and 4M dense events (100k users), 10k and 1M users (1M events), and 1M sparse events, then prints how the cost
 * per event moved.
 *
 * <p>{@code --launcher} measures the system as a user first runs it ({@link LauncherCatchUp}): the launcher jar
 * started as the README says, a backlog of 1M events (or {@code --events}) of each shape written into it, timed
 * until every service has committed to the end of its inputs.
 */
public final class Benchmarks {

    /**
     * What a run measures. {@code events} 0 means each shape's own count; {@code chosen} takes a candidate's name;
     * no {@code stateStores} means each service with the kind it is deployed with.
     */
    record Options(long events, int users, int rounds, Predicate<String> chosen, Duration latencyPerLevel,
                   String bootstrap, boolean growth, List<StateStores> stateStores, List<TrafficShape> shapes,
                   boolean launcher, Path launcherJar, boolean heap) {

        /** The options {@code args} give, without running anything; a bad one throws what picocli reports. */
        static Options parse(String... args) {
            BenchmarksCommand command = new BenchmarksCommand();
            Cli.commandLine(command).parseArgs(args);
            return command.options();
        }
    }

    private Benchmarks() {
    }

    public static void main(String[] args) {
        Cli.run(new BenchmarksCommand(), args);
    }

    static void run(Options options) throws IOException {
        if (options.growth()) {
            growth();
            return;
        }
        if (options.heap()) {
            HeapAtScale.run(options.users(), System.out);
            return;
        }
        if (options.launcher()) {
            LauncherCatchUp catchUp = new LauncherCatchUp(options.launcherJar(), System.out);
            List<LauncherCatchUp.Result> results = new ArrayList<>();
            for (TrafficShape shape : options.shapes()) {
                results.add(catchUp.run(shape, options.events() > 0 ? options.events() : 1_000_000, options.users()));
            }
            System.out.printf("%n%-7s %11s %10s %10s %10s %12s%n", "shape", "events", "pre-fill s", "caught up s",
                    "events/s", "CPU-us/event");
            results.forEach(result -> System.out.printf("%-7s %,11d %10.1f %10.1f %,10.0f %12.1f%n",
                    result.shape().optionValue(), result.events(), result.prefillSeconds(), result.seconds(),
                    result.eventsPerSecond(), result.launcherCpuSeconds() * 1e6 / result.events()));
            return;
        }
        if (options.bootstrap() != null) {
            run(options.bootstrap(), options, options.shapes().get(0));
            return;
        }
        for (TrafficShape shape : options.shapes()) {
            // Each shape on a broker of its own, against baselines of its own.
            try (BenchmarkBroker broker = BenchmarkBroker.start()) {
                run(broker.bootstrapServers(), options, shape);
            }
        }
    }

    static void run(String bootstrap, Options options, TrafficShape shape) throws IOException {
        long events = options.events() > 0 ? options.events() : shape.defaultEvents();
        System.out.printf("%n== %s traffic: %,d events, %,d users%n", shape.optionValue(), events, options.users());
        prefill(bootstrap, shape, events, options.users());
        Path stateRoot = Files.createTempDirectory("analytics-benchmarks");
        new CatchUpBenchmark(bootstrap, stateRoot, System.out, options.latencyPerLevel(),
                ServiceProcesses.PRODUCTION_JVM).withStateStores(options.stateStores())
                .run(options.rounds(), options.chosen());
    }

    /** One size of the growth runs. */
    private record Size(long events, int users, TrafficShape shape) {
    }

    /**
     * Whether the cost per event stays flat as history and key count grow: each size on a fresh broker, the services as
     * the processes they are in production, against B1 and B2 of the same size.
     */
    private static void growth() throws IOException {
        List<Size> sizes = List.of(new Size(1_000_000, 10_000, TrafficShape.DENSE),
                new Size(1_000_000, 100_000, TrafficShape.DENSE), new Size(1_000_000, 1_000_000, TrafficShape.DENSE),
                new Size(2_000_000, 100_000, TrafficShape.DENSE), new Size(4_000_000, 100_000, TrafficShape.DENSE),
                new Size(1_000_000, 100_000, TrafficShape.SPARSE));
        List<String> summary = new ArrayList<>();
        for (Size size : sizes) {
            System.out.printf("%n== growth: %,d events, %,d users, %s%n", size.events(), size.users(),
                    size.shape().optionValue());
            try (BenchmarkBroker broker = BenchmarkBroker.start()) {
                prefill(broker.bootstrapServers(), size.shape(), size.events(), size.users());
                List<Result> results = new CatchUpBenchmark(broker.bootstrapServers(),
                        Files.createTempDirectory("analytics-benchmarks"), System.out, Duration.ZERO,
                        ServiceProcesses.PRODUCTION_JVM).run(1, ServiceProcesses.CANDIDATE::equals);
                Result b1 = results.get(1);
                Result b2 = results.get(2);
                Result system = results.get(results.size() - 1);
                summary.add(String.format("%,11d %,9d %7s %,12.0f %,12.0f %6.3f %10.1f %14.1f", size.events(),
                        size.users(), size.shape().optionValue(), b1.steadyRecordsPerSecond(),
                        system.steadyRecordsPerSecond(),
                        system.steadyRecordsPerSecond() / b1.steadyRecordsPerSecond(), b2.cpuMicrosPerRecord(),
                        system.cpuMicrosPerRecord()));
            }
        }
        System.out.printf("%n%11s %9s %7s %12s %12s %6s %10s %14s%n", "events", "users", "shape", "B1 r/s",
                "four ev/s", "xB1", "B2 CPU-us", "work CPU-us/ev");
        summary.forEach(System.out::println);
    }

    /** Generated traffic of the given shape: every scenario, 1% bad records. */
    static InjectionReport prefill(String bootstrap, TrafficShape shape, long events, int users) {
        long start = System.nanoTime();
        InjectionReport report = Prefill.write(bootstrap, shape.generator(events, users));
        System.out.printf("pre-filled %,d records in %.1f s: %s%n", events, (System.nanoTime() - start) / 1e9,
                report.recordsByTopic());
        return report;
    }
}
