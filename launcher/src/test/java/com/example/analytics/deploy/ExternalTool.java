package com.example.analytics.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A command-line tool the deployment files are meant for (kubectl, promtool, docker-compose). CI installs them
 * (.ci/run); on a machine with only a JDK the tests that need one are skipped with a line naming it, and the checks
 * that need no tool still run.
 */
record ExternalTool(Path executable, List<String> leadingArguments) {

    record Result(int exitCode, String stdout, String stderr) {
    }

    /** The tool on the PATH, or the calling test is skipped. */
    static ExternalTool required(String name) {
        Optional<Path> found = onPath(name);
        Assumptions.assumeTrue(found.isPresent(), name + " is not installed; skipped");
        return new ExternalTool(found.get(), List.of());
    }

    /** docker-compose (v1), else the Compose v2 plugin of the docker CLI, or the calling test is skipped. */
    static ExternalTool dockerCompose() {
        Optional<Path> standalone = onPath("docker-compose");
        if (standalone.isPresent()) {
            return new ExternalTool(standalone.get(), List.of());
        }
        Optional<ExternalTool> plugin = onPath("docker").map(docker -> new ExternalTool(docker, List.of("compose")))
                .filter(compose -> compose.run(Path.of("."), "version").exitCode() == 0);
        Assumptions.assumeTrue(plugin.isPresent(), "neither docker-compose nor 'docker compose' is installed; skipped");
        return plugin.get();
    }

    static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Result run(Path workingDirectory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(leadingArguments);
        command.addAll(List.of(arguments));
        try {
            Path stdout = Files.createTempFile("tool-", ".out");
            Path stderr = Files.createTempFile("tool-", ".err");
            try {
                Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
                        .redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .start();
                if (!process.waitFor(Duration.ofMinutes(2).toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(command + " did not finish within 2 minutes");
                }
                return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                        Files.readString(stderr, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(stdout);
                Files.deleteIfExists(stderr);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
