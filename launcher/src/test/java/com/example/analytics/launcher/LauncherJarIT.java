package com.example.analytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.cli.JarRun;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command, on the jar Maven packaged: a dependency that the test class path has but the jar lacks
 * (snakeyaml once was) only shows here.
 */
class LauncherJarIT {

    private static final List<String> SERVICES = List.of("user-analytics-service", "product-analytics-service",
            "trend-service", "fraud-service");

    @Test
    void theJarStartsTheBrokerEveryServiceAndTheWebViewAndStopsOnSigterm(@TempDir Path dataDir) throws Exception {
        Path jar = Path.of("target", "launcher.jar");
        assertThat(jar).as("packaged before integration tests").isRegularFile();
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--broker-port", "0", "--data-dir", dataDir.toString(), "--ui-port", "0")
                .redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> readLines(process, output), "launcher-output");
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofMinutes(3))
                    .until(() -> !process.isAlive() || SERVICES.stream().allMatch(service -> ready(output, service)));
            assertThat(process.isAlive()).as(String.join("\n", output)).isTrue();
            assertThat(output).anyMatch(line -> line.startsWith("Kafka broker") && line.contains(" ready "));
            // The page and its script come out of the jar.
            URI webView = await().atMost(Duration.ofSeconds(30)).until(() -> output.stream()
                    .filter(line -> line.startsWith("Web view")).findFirst(), Optional::isPresent)
                    .map(line -> URI.create(line.substring("Web view".length()).strip())).orElseThrow();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(http.send(HttpRequest.newBuilder(webView).build(), HttpResponse.BodyHandlers.ofString()).body())
                    .contains("<canvas>");
            assertThat(http.send(HttpRequest.newBuilder(webView.resolve("view.js")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("new EventSource('samples')");
        } finally {
            process.destroy();
            boolean exited = process.waitFor(1, TimeUnit.MINUTES);
            if (!exited) {
                process.destroyForcibly();
            }
            reader.join(5_000);
            assertThat(exited).as("stops on SIGTERM").isTrue();
        }
        assertThat(Files.exists(dataDir.resolve("broker"))).isTrue();
    }

    @Test
    void versionIsTheBuildsOwnAndABadValueIsOneLineWithExitCode2(@TempDir Path dir) {
        Path jar = Path.of("target", "launcher.jar");
        String version = JarRun.manifestVersion(jar);
        assertThat(version).as("Implementation-Version in the manifest").isNotBlank();

        JarRun versionRun = JarRun.of(jar, dir, "--version");
        assertThat(versionRun.exitCode()).isZero();
        assertThat(versionRun.out().lines().findFirst()).hasValue("launcher " + version);

        JarRun bad = JarRun.of(jar, dir, "--rate", "0");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).isEqualTo("launcher: Invalid value for option '--rate': '0' must be from 1 to 1000000 "
                + "(see --help)" + System.lineSeparator());
    }

    private static boolean ready(List<String> output, String service) {
        return output.stream().anyMatch(line -> line.startsWith(service) && line.endsWith("ready"));
    }

    private static void readLines(Process process, List<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(output::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
