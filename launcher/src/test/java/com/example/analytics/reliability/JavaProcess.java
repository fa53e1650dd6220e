package com.example.analytics.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own running one main class on this test's class path, its output appended to a log file, so that it
 * can be killed the way an operating system or an orchestrator kills a process: SIGKILL (no shutdown hook, nothing
 * flushed) or SIGTERM (shutdown hooks run, Kafka Streams closes).
 */
final class JavaProcess {

    private static final String CLASS_PATH = System.getProperty("java.class.path");
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    private final String name;
    private final Process process;

    private JavaProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    static JavaProcess start(String name, Class<?> mainClass, List<String> jvmOptions, List<String> args, Path log) {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(CLASS_PATH);
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new JavaProcess(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
    }

    String name() {
        return name;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the process gets no chance to commit, flush or leave its consumer group. */
    void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(30));
    }

    /** SIGTERM, then waits for the process to end; returns how long it took. */
    Duration terminate(Duration timeout) {
        long start = System.nanoTime();
        process.destroy();
        if (!awaitExit(timeout)) {
            process.destroyForcibly();
            awaitExit(Duration.ofSeconds(30));
            throw new IllegalStateException(name + " did not stop within " + timeout + " of SIGTERM");
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
