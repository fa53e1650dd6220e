package com.example.analytics.benchmarks;

import com.example.analytics.fraud.FraudProperties;
import com.example.analytics.fraud.rules.FraudRules;
import com.example.analytics.fraud.streams.FraudTopology;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.product.streams.ProductTopology;
import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.config.AnalyticsStreamsProperties;
import com.example.analytics.support.metrics.MicrometerProcessingMetrics;
import com.example.analytics.support.streams.BrokerInputProgress;
import com.example.analytics.support.streams.Inputs;
import com.example.analytics.support.streams.KafkaDeadLetterPublisher;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.StreamsConfigFactory;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.trend.TrendProperties;
import com.example.analytics.trend.streams.TrendTopology;
import com.example.analytics.user.UserAnalyticsProperties;
import com.example.analytics.user.topology.UserAnalyticsTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Every candidate catches up on the same pre-filled input topics from offset 0, one after another, in rounds: B0 a
 * raw consumer (bytes only), B1 a no-op Kafka Streams app (source to {@code peek}) under exactly-once, B2 the same
 * with the project's parsing and validation ({@link Inputs}: dead letters, late records), then each service's
 * topology alone, exactly-once, default stores, configured as the service configures it.
 *
 * <p>A run lasts from start until the application's committed offsets reach the end of both topics, so group join
 * and start-up are in it. CPU is the CPU time of the candidate's own threads (stream threads and their clients'
 * threads, found by name), not the process's, because the broker shares this JVM.
 */
public final class CatchUpBenchmark {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final List<String> INPUTS = List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name());
    private static final List<Double> LOAD_LEVELS = List.of(0.25, 0.5, 0.75);
    private static final Set<String> SERVICES = Set.of("user-analytics", "product-analytics", "trend", "fraud");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);

    /**
     * One candidate's run; {@code records} are those of the input topics it reads. {@code steadyRecordsPerSecond}
     * leaves out the start-up: it counts from the first commit (B0: the first records polled) to the end, so short
     * runs of fast candidates are not dominated by group join and task start. Ratios are taken between steady rates.
     */
    public record Result(String candidate, int round, long records, double seconds, double cpuMicrosPerRecord,
                         double steadyRecordsPerSecond, List<String> details) {

        public double recordsPerSecond() {
            return records / seconds;
        }

        double startupSeconds() {
            return Math.max(0, seconds - records / steadyRecordsPerSecond);
        }
    }

    private record Candidate(String name, String service, Function<Context, Topology> topology,
                             StateStores stores) {

        /** With the stores the service keeps its state in when deployed. */
        Candidate(String name, String service, Function<Context, Topology> topology) {
            this(name, service, topology, deployed(service));
        }

        Candidate storing(StateStores kind) {
            return new Candidate(name, service, topology, kind);
        }

        /** B1 and B2, which every round measures: the yardstick of the services' figures. */
        boolean isBaseline() {
            return name.startsWith("B");
        }

        /** The name, and the store kind when it is not the deployed default. */
        String label() {
            return stores == deployed(service) ? name : name + " (" + stores.propertyValue() + ")";
        }

        private static StateStores deployed(String service) {
            return AnalyticsServiceDefinition.named(service).map(AnalyticsServiceDefinition::stateStores)
                    .orElse(StateStores.ROCKSDB);
        }
    }

    /** What a topology needs from the run: its environment, the broker, and what to close after it. */
    private record Context(TopologyEnvironment env, String bootstrap, String applicationId,
                           List<AutoCloseable> resources) {

        /** As the services have it: a quiet input partition is told from one whose records are still on the way. */
        BrokerInputProgress inputProgress() {
            BrokerInputProgress progress = new BrokerInputProgress(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap), applicationId, Duration.ofMillis(500));
            resources.add(progress);
            return progress;
        }
    }

    private final String bootstrap;
    private final Path stateRoot;
    private final PrintStream out;

    private final Duration latencyPerLevel;
    private final List<String> serviceJvmOptions;
    private final List<StateStores> stateStores;

    /**
     * @param latencyPerLevel   latency is measured this long per load level once the four services of the last round
     *                          have caught up; zero skips it
     * @param serviceJvmOptions the JVM options of the service processes ({@link ServiceProcesses#PRODUCTION_JVM} for
     *                          figures; a smoke run may trade their fidelity for a faster start)
     */
    public CatchUpBenchmark(String bootstrap, Path stateRoot, PrintStream out, Duration latencyPerLevel,
                            List<String> serviceJvmOptions) {
        this(bootstrap, stateRoot, out, latencyPerLevel, serviceJvmOptions, List.of());
    }

    private CatchUpBenchmark(String bootstrap, Path stateRoot, PrintStream out, Duration latencyPerLevel,
                             List<String> serviceJvmOptions, List<StateStores> stateStores) {
        this.bootstrap = bootstrap;
        this.stateRoot = stateRoot;
        this.out = out;
        this.latencyPerLevel = latencyPerLevel;
        this.serviceJvmOptions = List.copyOf(serviceJvmOptions);
        this.stateStores = List.copyOf(stateStores);
    }

    /**
     * Measures every service candidate, and the four together, once per kind of state store in each round, so the
     * kinds are compared against the same baselines (the service processes run with the deployed default); none
     * given, each service runs with the kind it is deployed with.
     */
    public CatchUpBenchmark withStateStores(List<StateStores> kinds) {
        return new CatchUpBenchmark(bootstrap, stateRoot, out, latencyPerLevel, serviceJvmOptions, kinds);
    }

    /** Runs every candidate {@code rounds} times and prints each run as it ends. */
    public List<Result> run(int rounds) {
        return run(rounds, name -> true);
    }

    /**
     * Runs the baselines B0 and B1 and the candidates {@code chosen} accepts (by name, for example {@code fraud})
     * {@code rounds} times; a profile of one service needs no run of the others.
     */
    public List<Result> run(int rounds, Predicate<String> chosen) {
        long records = inputRecords();
        out.printf("%-36s %5s %11s %8s %11s %8s %11s %11s %6s %6s%n", "candidate", "round", "records", "seconds",
                "records/s", "start s", "steady r/s", "CPU-us/rec", "xB1", "xB0");
        List<Result> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            Result b0 = rawConsumer(round, records);
            print(b0, null, b0);
            results.add(b0);
            Result b1 = null;
            for (Candidate candidate : candidates()) {
                if (!candidate.isBaseline() && !chosen.test(candidate.name())) {
                    continue;
                }
                List<StateStores> kinds = SERVICES.contains(candidate.name()) && !stateStores.isEmpty() ? stateStores
                        : List.of(candidate.stores());
                for (StateStores kind : kinds) {
                    Result result = streams(candidate.storing(kind), round);
                    b1 = b1 == null ? result : b1;
                    print(result, b1, b0);
                    results.add(result);
                }
            }
            if (chosen.test("four services together")) {
                // Each service with its deployed kind of store unless kinds were named: then all four with each.
                List<Optional<StateStores>> kinds = stateStores.isEmpty() ? List.of(Optional.empty())
                        : stateStores.stream().map(Optional::of).toList();
                for (Optional<StateStores> kind : kinds) {
                    // Latency load goes into the input topics, so it comes after the last catch-up that reads them.
                    results.add(together(round, records, b1, b0, kind,
                            round == rounds && kind.equals(kinds.get(kinds.size() - 1))));
                }
            }
            if (round == rounds && chosen.test(ServiceProcesses.CANDIDATE)) {
                // Last, because it reads whatever the latency load added to the input topics too.
                Result processes = processes(round);
                print(processes, b1, b0);
                results.add(processes);
            }
        }
        return results;
    }

    private static List<Candidate> candidates() {
        FraudProperties fraud = FraudProperties.defaults();
        return List.of(
                new Candidate("B1 no-op streams", "bench-noop", context -> noOp(false, context.env())),
                new Candidate("B2 parse and validate", "bench-parse", context -> noOp(true, context.env())),
                new Candidate("user-analytics", "user-analytics-service",
                        context -> UserAnalyticsTopology.build(UserAnalyticsProperties.defaults(), context.env())),
                new Candidate("product-analytics", "product-analytics-service",
                        context -> ProductTopology.build(ProductProperties.defaults(), context.env(),
                                context.inputProgress())),
                new Candidate("trend", "trend-service", context -> TrendTopology.build(TrendProperties.defaults(),
                        context.env(), context.inputProgress())),
                new Candidate("fraud", "fraud-service",
                        context -> FraudTopology.build(FraudRules.from(fraud), fraud.alerts(), context.env())));
    }

    private static Topology noOp(boolean parse, TopologyEnvironment env) {
        StreamsBuilder builder = new StreamsBuilder();
        if (parse) {
            Inputs.userEvents(builder, env).peek((key, event) -> { });
            Inputs.productEvents(builder, env).peek((key, event) -> { });
        } else {
            builder.stream(INPUTS, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())).peek((key, value) -> { });
        }
        return builder.build();
    }

    private Result rawConsumer(int round, long records) {
        String group = "bench-raw-" + round + "-" + System.nanoTime();
        long start = System.nanoTime();
        long cpuBefore = THREADS.getCurrentThreadCpuTime();
        long seen = 0;
        long firstPolled = 0;
        long firstPollNanos = 0;
        long helperCpu;
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(INPUTS);
            while (seen < records) {
                seen += consumer.poll(Duration.ofMillis(200)).count();
                if (firstPollNanos == 0 && seen > 0) {
                    firstPollNanos = System.nanoTime();
                    firstPolled = seen;
                }
            }
            helperCpu = cpuOfThreadsNamed(group);
        }
        long end = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuBefore + helperCpu;
        return new Result("B0 raw consumer", round, records, (end - start) / 1e9, cpu / 1e3 / records,
                CatchUpWatch.steadyRate(records - firstPolled, end - firstPollNanos, records, end - start), List.of());
    }

    private Result streams(Candidate candidate, int round) {
        try (Running running = start(candidate, round)) {
            CatchUpWatch.awaitAll(List.of(running.watch), POLL_INTERVAL, () -> { });
            return running.report(running.seconds());
        }
    }

    /**
     * The four services at once, each its own Kafka Streams application as in production, on the same pre-filled
     * topics. The system's rate is the input records over the time until the last service has caught up; each
     * service's CPU is per record of the whole input, so the four add up to the per-event budget.
     */
    private Result together(int round, long records, Result b1, Result b0, Optional<StateStores> kind,
                            boolean thenLatency) {
        List<Running> services = new ArrayList<>();
        BrokerCpu broker = BrokerCpu.start();
        try {
            for (Candidate candidate : candidates()) {
                if (SERVICES.contains(candidate.name())) {
                    services.add(start(kind.map(candidate::storing).orElse(candidate), round));
                }
            }
            List<CatchUpWatch> watches = services.stream().map(service -> service.watch).toList();
            double progressWhenAllStarted = CatchUpWatch.awaitAll(watches, POLL_INTERVAL, () -> { });
            double seconds = services.stream().mapToDouble(Running::seconds).max().orElseThrow();
            long cpu = 0;
            List<String> perService = new ArrayList<>();
            for (Running service : services) {
                Result own = service.report(seconds);
                cpu += Math.round(own.cpuMicrosPerRecord() * own.records());
                perService.add(String.format("%s: %.1f CPU-us per input record of the system, caught up after %.1f s;"
                                + " %s", service.candidate.name(), own.cpuMicrosPerRecord() * own.records() / records,
                        service.seconds(), own.details().get(1)));
            }
            perService.add(brokerDetail(broker, records));
            Result system = new Result("four services together" + kind.map(k -> " (" + k.propertyValue() + ")")
                    .orElse(""), round, records, seconds,
                    cpu / (double) records, CatchUpWatch.steadyRate(watches, records, progressWhenAllStarted),
                    perService);
            print(system, b1, b0);
            if (thenLatency && !latencyPerLevel.isZero()) {
                KafkaStreams product = services.stream().filter(s -> s.candidate.name().equals("product-analytics"))
                        .findFirst().orElseThrow().streams;
                LatencyProbe probe = new LatencyProbe(bootstrap, out);
                for (double share : LOAD_LEVELS) {
                    probe.measure(share, system.steadyRecordsPerSecond(), latencyPerLevel, product);
                }
            }
            return system;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring latency", e);
        } finally {
            services.forEach(Running::close);
        }
    }

    private Result processes(int round) {
        BrokerCpu broker = BrokerCpu.start();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Result result = new ServiceProcesses(bootstrap, stateRoot, serviceJvmOptions).run(round, endOffsets(admin));
            List<String> details = new ArrayList<>(result.details());
            details.add(brokerDetail(broker, result.records()));
            return new Result(result.candidate(), result.round(), result.records(), result.seconds(),
                    result.cpuMicrosPerRecord(), result.steadyRecordsPerSecond(), details);
        }
    }

    /** The broker's CPU beside a candidate's, so that work moved to the broker does not pass for work saved. */
    private static String brokerDetail(BrokerCpu broker, long records) {
        return String.format("broker (and harness) threads in the same interval: %.1f CPU-us per input record",
                broker.nanosSinceStart() / 1e3 / records);
    }

    private Running start(Candidate candidate, int round) {
        String applicationId = "bench-" + candidate.service() + "-" + round + "-" + System.nanoTime();
        MicrometerProcessingMetrics metrics = new MicrometerProcessingMetrics(new SimpleMeterRegistry(),
                candidate.service());
        TopologyEnvironment env = new TopologyEnvironment(candidate.service(), Clock.systemUTC(),
                Duration.ofSeconds(5), Duration.ofHours(1), metrics, new StreamTime())
                .withStateStores(candidate.stores());
        List<AutoCloseable> resources = new ArrayList<>();
        Topology topology = candidate.topology().apply(new Context(env, bootstrap, applicationId, resources));
        Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
        resources.add(0, admin);
        KafkaDeadLetterPublisher deadLetters = new KafkaDeadLetterPublisher(
                Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                Topics.DLQ_MAX_MESSAGE_BYTES + 64 * 1024, metrics, Duration.ofSeconds(10));
        resources.add(0, deadLetters);
        AnalyticsStreamsProperties props = new Binder(new MapConfigurationPropertySource(Map.of(
                "analytics.streams.service-name", candidate.service(),
                "analytics.streams.application-id", applicationId)))
                .bindOrCreate("analytics.streams", AnalyticsStreamsProperties.class);
        Set<String> sources = sourceTopics(topology);
        Map<TopicPartition, Long> ends = endOffsets(admin).entrySet().stream()
                .filter(end -> sources.contains(end.getKey().topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        long read = inputRecords(admin, ends);
        try {
            Path stateDir = Files.createDirectories(stateRoot.resolve(applicationId));
            KafkaStreams streams = new KafkaStreams(topology, StreamsConfigFactory.build(
                    Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), props, null, stateDir,
                    deadLetters));
            resources.add(0, () -> streams.close(Duration.ofSeconds(30)));
            Running running = new Running(candidate, round, applicationId, streams, admin, read, stateDir, resources,
                    new CatchUpWatch(admin, applicationId, ends, System.nanoTime()), BrokerCpu.start());
            streams.start();
            return running;
        } catch (IOException e) {
            closeAll(resources);
            throw new UncheckedIOException(e);
        }
    }

    /** One started application: what it must read, and how to report and stop it. */
    private final class Running implements AutoCloseable {

        private final Candidate candidate;
        private final int round;
        private final String applicationId;
        private final KafkaStreams streams;
        private final Admin admin;
        private final long records;
        private final Path stateDir;
        private final List<AutoCloseable> resources;
        private final CatchUpWatch watch;
        private final BrokerCpu broker;

        Running(Candidate candidate, int round, String applicationId, KafkaStreams streams, Admin admin, long records,
                Path stateDir, List<AutoCloseable> resources, CatchUpWatch watch, BrokerCpu broker) {
            this.candidate = candidate;
            this.round = round;
            this.applicationId = applicationId;
            this.streams = streams;
            this.admin = admin;
            this.records = records;
            this.stateDir = stateDir;
            this.resources = resources;
            this.watch = watch;
            this.broker = broker;
        }

        double seconds() {
            return watch.seconds();
        }

        /** Prints where the CPU went and what the application stored, and returns its result. */
        Result report(double seconds) {
            Map<String, Long> byKind = cpuByThreadKind(applicationId);
            long cpu = byKind.values().stream().mapToLong(Long::longValue).sum();
            String threads = "CPU-us/record by thread: " + byKind.entrySet().stream()
                    .filter(kind -> kind.getValue() / 1e3 / records >= 0.05)
                    .map(kind -> String.format("%s %.1f", kind.getKey(), kind.getValue() / 1e3 / records))
                    .collect(Collectors.joining(", "));
            return new Result(candidate.label(), round, records, seconds, cpu / 1e3 / records, watch.steadyRate(),
                    List.of(threads, Storage.of(admin, applicationId, stateDir).describe(records),
                            brokerDetail(broker, records)));
        }

        @Override
        public void close() {
            closeAll(resources);
        }
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + resource, e);
            }
        }
    }

    private long inputRecords() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return inputRecords(admin, endOffsets(admin));
        }
    }

    private static long inputRecords(Admin admin, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, Long> starts = offsets(admin, ends, OffsetSpec.earliest());
        return ends.entrySet().stream().mapToLong(end -> end.getValue() - starts.get(end.getKey())).sum();
    }

    /** Which of the input topics a topology reads: user-analytics and fraud read only user events, for example. */
    private static Set<String> sourceTopics(Topology topology) {
        Set<String> topics = new HashSet<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    topics.addAll(source.topicSet());
                }
            }
        }
        topics.retainAll(INPUTS);
        return topics;
    }

    static Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(INPUTS).allTopicNames().get().forEach((topic, description) ->
                    description.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            return offsets(admin, partitions.stream().collect(Collectors.toMap(p -> p, p -> 0L)), OffsetSpec.latest());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the input topics' offsets", e);
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Map<TopicPartition, Long> partitions,
                                                     OffsetSpec spec) {
        try {
            return admin.listOffsets(partitions.keySet().stream().collect(Collectors.toMap(p -> p, p -> spec)))
                    .all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot list offsets", e);
        }
    }

    /** CPU time of the live threads whose name contains {@code name}: stream threads and their clients' threads. */
    private static long cpuOfThreadsNamed(String name) {
        return cpuByThreadKind(name).values().stream().mapToLong(Long::longValue).sum();
    }

    /** The same CPU time by kind of thread (stream thread, its producer, ...), so the expensive one is visible. */
    private static Map<String, Long> cpuByThreadKind(String name) {
        Map<String, Long> byKind = new TreeMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && thread.getThreadName().contains(name)) {
                String kind = thread.getThreadName().replaceAll(".*" + Pattern.quote(name)
                        + "(-[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12})?-?", "").replaceAll("-\\d+", "");
                byKind.merge(kind.isEmpty() ? "client" : kind, Math.max(0, THREADS.getThreadCpuTime(
                        thread.getThreadId())), Long::sum);
            }
        }
        return byKind;
    }

    private void print(Result result, Result b1, Result b0) {
        out.printf("%-36s %5d %,11d %8.1f %,11.0f %8.1f %,11.0f %11.1f %6s %6.2f%n", result.candidate(),
                result.round(), result.records(), result.seconds(), result.recordsPerSecond(), result.startupSeconds(),
                result.steadyRecordsPerSecond(), result.cpuMicrosPerRecord(),
                b1 == null ? "" : String.format("%.2f", result.steadyRecordsPerSecond() / b1.steadyRecordsPerSecond()),
                result.steadyRecordsPerSecond() / b0.steadyRecordsPerSecond());
        result.details().forEach(detail -> out.println("    " + detail));
    }
}
