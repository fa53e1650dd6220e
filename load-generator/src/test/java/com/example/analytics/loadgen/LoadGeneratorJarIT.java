package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.cli.JarRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runnable jar as the README runs it. */
class LoadGeneratorJarIT {

    private static final Path JAR = Path.of("target", "load-generator-exec.jar");

    @Test
    void versionIsTheBuildsOwn(@TempDir Path dir) {
        String version = JarRun.manifestVersion(JAR);
        assertThat(version).as("Implementation-Version in the manifest").isNotBlank();

        JarRun run = JarRun.of(JAR, dir, "--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().lines().findFirst()).hasValue("load-generator " + version);
    }

    @Test
    void jsonLinesOnStandardOutputComeWithoutProgress(@TempDir Path dir) {
        JarRun run = JarRun.of(JAR, dir, "--events", "1000", "--jsonl", "-");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1000).allMatch(line -> line.startsWith("{\"topic\":"));
        assertThat(run.err().lines()).singleElement().asString().startsWith("1,000 records in ");
    }

    @Test
    void withoutATerminalProgressIsPlainLines(@TempDir Path dir) {
        JarRun run = JarRun.of(JAR, dir, "--events", "1000", "--jsonl", dir.resolve("out.jsonl").toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).doesNotContain("\r")
                .startsWith("records: 1,000 of 1,000 (100%), ").contains("\n1,000 records in ");
    }

    @Test
    void aBadValueIsOneLineAndExitCode2(@TempDir Path dir) {
        JarRun run = JarRun.of(JAR, dir, "--events", "many");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("load-generator: Invalid value for option '--events': 'many' is not a long "
                + "(see --help)" + System.lineSeparator());
    }
}
