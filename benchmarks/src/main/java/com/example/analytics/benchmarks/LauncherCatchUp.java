package com.example.analytics.benchmarks;

import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.net.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * The system as a user first runs it: the launcher jar started as the README says (its own broker and the four
 * services in one JVM), then a backlog of generated events written into it, timed from the start of that pre-fill
 * until every service has committed to the end of its inputs. The pre-fill runs in this JVM on the same two cores,
 * as a load generator beside the launcher would.
 */
final class LauncherCatchUp {

    /** Each service's consumer group (its application id, by default its name) and the topics it reads. */
    private static final Map<String, List<String>> SERVICES = Map.of(
            "user-analytics-service", List.of(Topics.USER_EVENTS.name()),
            "product-analytics-service", List.of(Topics.PRODUCT_EVENTS.name()),
            "trend-service", List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name()),
            "fraud-service", List.of(Topics.USER_EVENTS.name()));
    private static final Pattern BROKER = Pattern.compile("^Kafka broker\\s+(\\S+) ready");
    private static final Pattern WEB_VIEW = Pattern.compile("^Web view\\s+");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Path launcherJar;
    private final PrintStream out;

    LauncherCatchUp(Path launcherJar, PrintStream out) {
        this.launcherJar = launcherJar;
        this.out = out;
    }

    /** What one catch-up took: {@code caughtUpSeconds} per service, all from the start of the pre-fill. */
    record Result(TrafficShape shape, long events, double prefillSeconds, Map<String, Double> caughtUpSeconds,
                  double launcherCpuSeconds) {

        double seconds() {
            return caughtUpSeconds.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        }

        double eventsPerSecond() {
            return events / seconds();
        }
    }

    Result run(TrafficShape shape, long events, int users) {
        Process launcher = start();
        try {
            String bootstrap = awaitStarted(launcher);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                long cpuBefore = cpuNanos(launcher);
                long start = System.nanoTime();
                Prefill.write(bootstrap, shape.generator(events, users));
                double prefill = (System.nanoTime() - start) / 1e9;
                Map<String, Double> caughtUp = awaitCaughtUp(admin, start, launcher);
                Result result = new Result(shape, events, prefill, caughtUp, (cpuNanos(launcher) - cpuBefore) / 1e9);
                print(result);
                return result;
            }
        } finally {
            stop(launcher);
        }
    }

    private Process start() {
        // As the README starts it, on ports of its own so it cannot clash with anything already running here. JVM
        // options can be added for a profile (-Dbenchmarks.launcher-jvm-options="-agentpath:...").
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        String jvmOptions = System.getProperty("benchmarks.launcher-jvm-options", "").trim();
        if (!jvmOptions.isEmpty()) {
            command.addAll(List.of(jvmOptions.split("\\s+")));
        }
        command.addAll(List.of("-jar", launcherJar.toString(), "--broker-port", Integer.toString(FreePorts.find()),
                "--ui-port", "0"));
        out.println("starting " + String.join(" ", command));
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the launcher", e);
        }
    }

    /** Reads the launcher's output until its web view is up (the last line it prints); returns the broker. */
    private String awaitStarted(Process launcher) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader output = new BufferedReader(new InputStreamReader(launcher.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the launcher is gone; its exit is noticed below
            }
        }, "launcher-output");
        reader.setDaemon(true);
        reader.start();
        String bootstrap = null;
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line == null) {
                    if (!launcher.isAlive()) {
                        throw new IllegalStateException("the launcher exited with " + launcher.exitValue());
                    }
                    continue;
                }
                out.println("  launcher: " + line);
                Matcher broker = BROKER.matcher(line);
                if (broker.find()) {
                    bootstrap = broker.group(1);
                } else if (WEB_VIEW.matcher(line).find() && bootstrap != null) {
                    // Everything after start-up is the catch-up's; the output is still drained.
                    return bootstrap;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the launcher did not start within " + START_TIMEOUT);
    }

    /** Seconds from {@code startNanos} until each service had committed to the end of its inputs, soonest first. */
    private Map<String, Double> awaitCaughtUp(Admin admin, long startNanos, Process launcher) {
        Map<TopicPartition, Long> all = endOffsets(admin);
        Map<String, CatchUpWatch> watches = new LinkedHashMap<>();
        SERVICES.forEach((service, topics) -> {
            Map<TopicPartition, Long> own = new LinkedHashMap<>();
            all.forEach((partition, end) -> {
                if (topics.contains(partition.topic())) {
                    own.put(partition, end);
                }
            });
            watches.put(service, new CatchUpWatch(admin, service, own, startNanos));
        });
        CatchUpWatch.awaitAll(List.copyOf(watches.values()), POLL_INTERVAL, () -> {
            if (!launcher.isAlive()) {
                throw new IllegalStateException("the launcher exited with " + launcher.exitValue()
                        + " before every service caught up");
            }
        });
        Map<String, Double> caughtUp = new LinkedHashMap<>();
        watches.entrySet().stream().sorted(Comparator.comparingDouble(watch -> watch.getValue().seconds()))
                .forEach(watch -> caughtUp.put(watch.getKey(), watch.getValue().seconds()));
        return caughtUp;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) {
        try {
            Map<TopicPartition, OffsetSpec> request = new LinkedHashMap<>();
            admin.describeTopics(List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name())).allTopicNames()
                    .get().forEach((topic, description) -> description.partitions().forEach(partition ->
                            request.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            admin.listOffsets(request).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
            return ends;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the input topics' end offsets", e);
        }
    }

    private void print(Result result) {
        out.printf("launcher catch-up, %s: %,d events pre-filled in %.1f s; caught up after %.1f s from the start of "
                        + "the pre-fill: %,.0f events/s (%s); launcher process CPU %.1f s, %.1f CPU-us per event%n",
                result.shape().optionValue(), result.events(), result.prefillSeconds(), result.seconds(),
                result.eventsPerSecond(), describe(result.caughtUpSeconds()), result.launcherCpuSeconds(),
                result.launcherCpuSeconds() * 1e6 / result.events());
    }

    private static String describe(Map<String, Double> caughtUp) {
        List<String> parts = new ArrayList<>();
        caughtUp.forEach((service, seconds) -> parts.add(String.format("%s %.1f s", service, seconds)));
        return String.join(", ", parts);
    }

    private static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** SIGTERM, as Ctrl-C would: the launcher closes the services and the broker and removes its data. */
    private static void stop(Process launcher) {
        launcher.destroy();
        try {
            if (!launcher.waitFor(2, TimeUnit.MINUTES)) {
                launcher.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
