package com.example.analytics.benchmarks;

import static org.awaitility.Awaitility.await;

import com.example.analytics.benchmarks.CatchUpBenchmark.Result;
import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductAnalyticsApplication;
import com.example.analytics.support.net.FreePorts;
import com.example.analytics.support.test.Http;
import com.example.analytics.trend.TrendServiceApplication;
import com.example.analytics.user.UserAnalyticsApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * The four services as they are deployed: each a JVM of its own, started from its main class with its Spring
 * configuration, catching up together on the pre-filled topics. Unlike the in-process candidates this shows what a
 * service costs as a process: CPU per event after its start-up, and, once all have caught up, heap after a full GC,
 * non-heap memory and resident set size (RocksDB's memory is outside the heap and only in the RSS).
 */
final class ServiceProcesses {

    static final String CANDIDATE = "four services as processes";

    /**
     * As a service runs when deployed: the heap of the 1 GiB container of docker-compose and k8s/base under the
     * image's {@code -XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError}, default collector and compilers. Options
     * can be added for an experiment with {@code -Dbenchmarks.process-jvm-options="..."}.
     */
    static final List<String> PRODUCTION_JVM = withExtraOptions(List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"));
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String JCMD = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();

    private enum Service {
        USER("user-analytics", "user-analytics-service", UserAnalyticsApplication.class,
                Set.of(Topics.USER_EVENTS.name())),
        PRODUCT("product-analytics", "product-analytics-service", ProductAnalyticsApplication.class,
                Set.of(Topics.PRODUCT_EVENTS.name())),
        TREND("trend", "trend-service", TrendServiceApplication.class,
                Set.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name())),
        FRAUD("fraud", "fraud-service", FraudServiceApplication.class, Set.of(Topics.USER_EVENTS.name()));

        final String label;
        final String name;
        final Class<?> mainClass;
        final Set<String> inputs;

        Service(String label, String name, Class<?> mainClass, Set<String> inputs) {
            this.label = label;
            this.name = name;
            this.mainClass = mainClass;
            this.inputs = inputs;
        }
    }

    /**
     * What one service process cost; memory is measured after all four caught up. {@code cpuNanosByThread} is the
     * CPU of the process's whole life by kind of thread: the work per event is its stream thread and that thread's
     * producer; the JIT compiler's share shrinks as a run gets longer.
     */
    record Usage(String service, long records, double startupSeconds, double caughtUpSeconds,
                 double cpuMicrosPerRecordAfterStartup, Map<String, Long> cpuNanosByThread, long heapAfterGcBytes,
                 long nonHeapBytes, long rssBytes, Storage storage) {

        double workMicrosPerRecord() {
            return (cpuNanosByThread.getOrDefault(STREAM_THREAD, 0L) + cpuNanosByThread.getOrDefault(ITS_PRODUCER, 0L))
                    / 1e3 / Math.max(1, records);
        }

        String describe(long systemRecords) {
            return String.format("%s: start-up %.1f s, caught up after %.1f s, %.1f CPU-us per own record after "
                            + "start-up (%.1f per input record of the system); CPU-us/record by thread over its life: "
                            + "%s; heap after GC %.0f MB, non-heap %.0f MB, RSS %.0f MB; %s", service, startupSeconds,
                    caughtUpSeconds, cpuMicrosPerRecordAfterStartup,
                    cpuMicrosPerRecordAfterStartup * records / systemRecords,
                    cpuNanosByThread.entrySet().stream().map(kind -> String.format("%s %.1f", kind.getKey(),
                            kind.getValue() / 1e3 / Math.max(1, records))).collect(Collectors.joining(", ")),
                    heapAfterGcBytes / 1e6, nonHeapBytes / 1e6, rssBytes / 1e6, storage.describe(records));
        }
    }

    private static final String STREAM_THREAD = "stream thread";
    private static final String ITS_PRODUCER = "its producer";
    private static final Pattern THREAD_CPU = Pattern.compile("^\"(.*)\" .*\\bcpu=([0-9.]+)ms");

    private static List<String> withExtraOptions(List<String> options) {
        String extra = System.getProperty("benchmarks.process-jvm-options", "").trim();
        List<String> all = new ArrayList<>(options);
        if (!extra.isEmpty()) {
            all.addAll(List.of(extra.split("\\s+")));
        }
        return List.copyOf(all);
    }

    /** A started service process and what was seen of it. */
    private static final class Running {
        final Service service;
        final String applicationId;
        final int port;
        final Path stateDir;
        final Path log;
        final Process process;
        final CatchUpWatch watch;
        final long startNanos = System.nanoTime();
        long firstCommitCpuNanos;
        long caughtUpCpuNanos;
        long readyNanos;
        long restartLogOffset;

        Running(Service service, String applicationId, int port, Path stateDir, Path log, Process process,
                CatchUpWatch watch) {
            this.service = service;
            this.applicationId = applicationId;
            this.port = port;
            this.stateDir = stateDir;
            this.log = log;
            this.process = process;
            this.watch = watch;
        }

        /** After each poll: the process's CPU when it first committed and when it caught up; fails if it died. */
        void sample() {
            if (watch.started() && firstCommitCpuNanos == 0) {
                firstCommitCpuNanos = cpuNanos();
            }
            if (watch.caughtUp()) {
                caughtUpCpuNanos = caughtUpCpuNanos == 0 ? cpuNanos() : caughtUpCpuNanos;
            } else if (!process.isAlive()) {
                throw new IllegalStateException(service.label + " exited with " + process.exitValue() + "; see " + log);
            }
        }

        long cpuNanos() {
            return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
        }

        String baseUrl() {
            return "http://localhost:" + port;
        }
    }

    private final String bootstrap;
    private final Path runDir;
    private final List<String> jvmOptions;

    ServiceProcesses(String bootstrap, Path runDir, List<String> jvmOptions) {
        this.bootstrap = bootstrap;
        this.runDir = runDir;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * Starts the four, waits until every one has committed to the end of its inputs, measures them, and stops them
     * with SIGTERM as an orchestrator would.
     *
     * @param ends end offsets of the input topics, all of which the four read from offset 0
     */
    Result run(int round, Map<TopicPartition, Long> ends) {
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        List<Running> services = new ArrayList<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (Service service : Service.values()) {
                services.add(start(admin, service, round, ends));
            }
            List<CatchUpWatch> watches = services.stream().map(service -> service.watch).toList();
            double progressWhenAllStarted = CatchUpWatch.awaitAll(watches, Duration.ofMillis(100),
                    () -> services.forEach(Running::sample));
            List<Usage> usages = new ArrayList<>();
            for (Running service : services) {
                usages.add(measure(admin, service));
            }
            // As for the candidates in the benchmark's JVM: the CPU of the threads that do the work, stream threads and
            // their producers. Each process's whole CPU after start-up (JIT and GC included) is in its details.
            double cpuPerRecord = usages.stream()
                    .mapToDouble(usage -> usage.workMicrosPerRecord() * usage.records()).sum() / records;
            List<String> details = new ArrayList<>(usages.stream().map(usage -> usage.describe(records)).toList());
            stop(services);
            details.addAll(restarts(admin, services, ends));
            return new Result(CANDIDATE, round, records, CatchUpWatch.seconds(watches), cpuPerRecord,
                    CatchUpWatch.steadyRate(watches, records, progressWhenAllStarted), details);
        } finally {
            stop(services);
        }
    }

    /**
     * Each service started again on the state it left, as a pod restarted by an orchestrator: how long until it is
     * ready again, and how much of that was restoring stores from their changelogs. A store in memory is restored
     * whole at every start; a RocksDB store only replays what its checkpoint does not cover.
     */
    private List<String> restarts(Admin admin, List<Running> stopped, Map<TopicPartition, Long> ends) {
        List<Running> restarted = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try {
            for (Running before : stopped) {
                long logBytes = before.log.toFile().length();
                restarted.add(start(admin, before.service, before.applicationId, ends));
                restarted.get(restarted.size() - 1).restartLogOffset = logBytes;
            }
            for (Running service : restarted) {
                await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    if (!service.process.isAlive()) {
                        throw new IllegalStateException(service.service.label + " exited on restart; see "
                                + service.log);
                    }
                    return isReady(service);
                });
                service.readyNanos = System.nanoTime();
            }
            for (Running service : restarted) {
                lines.add(String.format("%s restarted on its state: ready after %.1f s, %s", service.service.label,
                        (service.readyNanos - service.startNanos) / 1e9, Restores.of(service.log,
                                service.restartLogOffset)));
            }
            return lines;
        } finally {
            stop(restarted);
        }
    }

    private Running start(Admin admin, Service service, int round, Map<TopicPartition, Long> allEnds) {
        return start(admin, service, "bench-process-" + service.label + "-" + round + "-" + System.nanoTime(),
                allEnds);
    }

    private Running start(Admin admin, Service service, String applicationId, Map<TopicPartition, Long> allEnds) {
        int port = FreePorts.find();
        Path stateDir = runDir.resolve(applicationId);
        Path log = runDir.resolve(applicationId + ".log");
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), service.mainClass.getName(),
                // The four services' jars share this class path and so the first application.yml found; the
                // launcher and the reliability tests name each service the same way.
                "--spring.application.name=" + service.name,
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + bootstrap,
                "--analytics.streams.application-id=" + applicationId,
                "--analytics.streams.state-dir=" + stateDir,
                "--spring.main.banner-mode=off"));
        Map<TopicPartition, Long> ends = allEnds.entrySet().stream()
                .filter(end -> service.inputs.contains(end.getKey().topic()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        try {
            Files.createDirectories(stateDir);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new Running(service, applicationId, port, stateDir, log, process,
                    new CatchUpWatch(admin, applicationId, ends, System.nanoTime()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + service.label, e);
        }
    }

    /** Ready when its readiness group answers UP; before its web server listens, not ready either. */
    private static boolean isReady(Running service) {
        try {
            return Http.get(service.baseUrl() + "/actuator/health/readiness").status() == 200;
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    private static Usage measure(Admin admin, Running service) {
        Map<String, Long> cpuByThread = cpuByThreadKind(jcmd(service, "Thread.print"));
        jcmd(service, "GC.run");
        String metrics = Http.get(service.baseUrl() + "/actuator/prometheus").body();
        long afterStartup = service.watch.recordsAfterStartup();
        double cpuPerRecord = afterStartup <= 0 ? 0
                : (service.caughtUpCpuNanos - service.firstCommitCpuNanos) / 1e3 / afterStartup;
        return new Usage(service.service.label, service.watch.records(), service.watch.startupSeconds(),
                service.watch.seconds(), cpuPerRecord, cpuByThread,
                memoryUsed(metrics, "heap"), memoryUsed(metrics, "nonheap"), rss(service.process.pid()),
                Storage.of(admin, service.applicationId, service.stateDir));
    }

    /**
     * Runs a diagnostic command in the service's JVM: {@code Thread.print} for the CPU of each thread,
     * {@code GC.run} so the heap figure is what the service keeps, not garbage not yet collected.
     */
    private static String jcmd(Running service, String command) {
        try {
            Process jcmd = new ProcessBuilder(JCMD, Long.toString(service.process.pid()), command)
                    .redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!jcmd.waitFor(60, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + command + " failed for " + service.service.label + ": "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run jcmd", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Thread CPU from a thread dump, by kind: the work (stream thread, its producer), JIT, GC and the rest. */
    static Map<String, Long> cpuByThreadKind(String threadDump) {
        Map<String, Long> byKind = new TreeMap<>();
        threadDump.lines().map(THREAD_CPU::matcher).filter(Matcher::find).forEach(thread -> {
            String name = thread.group(1);
            String kind = name.matches(".*-StreamThread-\\d+") ? STREAM_THREAD
                    : name.matches(".*-StreamThread-\\d+-producer") ? ITS_PRODUCER
                    : name.contains("CompilerThread") ? "JIT compiler"
                    : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "GC"
                    : "other";
            byKind.merge(kind, Math.round(Double.parseDouble(thread.group(2)) * 1e6), Long::sum);
        });
        return byKind;
    }

    /** The sum of Micrometer's {@code jvm_memory_used_bytes} over the memory pools of one area. */
    static long memoryUsed(String prometheus, String area) {
        return Math.round(prometheus.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"" + area + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum());
    }

    /** Resident set size from Linux's {@code /proc}; 0 where there is none. */
    private static long rss(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.readAllLines(status).stream().filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")) * 1024).findFirst().orElse(0);
        } catch (IOException e) {
            return 0;
        }
    }

    /** SIGTERM to all, then each must exit within a minute: Spring closes Kafka Streams on the way out. */
    private static void stop(List<Running> services) {
        services.forEach(service -> service.process.destroy());
        List<String> stuck = new ArrayList<>();
        for (Running service : services) {
            try {
                if (!service.process.waitFor(60, TimeUnit.SECONDS)) {
                    service.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
                    stuck.add(service.service.label + " (see " + service.log + ")");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (!stuck.isEmpty()) {
            throw new IllegalStateException("did not stop within 60 s of SIGTERM: " + stuck);
        }
    }
}
