package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.cli.Cli;
import com.example.analytics.cli.HelpInReadme;
import com.example.analytics.loadgen.sink.JsonLinesSink;
import com.example.analytics.loadgen.sink.Pacer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadGeneratorCliTest {

    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Cli.commandLine(new LoadGeneratorCli());
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void theReadmeShowsTheHelpAsItIs() {
        assertThat(HelpInReadme.of("load-generator")).isEqualTo(Cli.usage(new LoadGeneratorCli()));
    }

    @Test
    void writesTheGeneratorsRecordsAsJsonLines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("records.jsonl");

        assertThat(run("--events", "2000", "--seed", "7", "--users", "500", "--start", "1700000000",
                "--jsonl", file.toString())).isZero();

        StringWriter expected = new StringWriter();
        try (JsonLinesSink sink = new JsonLinesSink(expected)) {
            sink.write(new LoadGenerator(GeneratorConfig.builder().events(2000).eventsPerSecond(500).seed(7)
                    .users(500).start(Instant.ofEpochSecond(1_700_000_000)).build()).iterator(), Pacer.unpaced());
        }
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(expected.toString()).hasLineCount(2000);
    }

    @Test
    void badValuesAreOneLineNamingTheOptionWithExitCode2(@TempDir Path dir) {
        assertThat(run("--events", "-5")).isEqualTo(2);
        assertThat(run("--rate", "0")).isEqualTo(2);
        assertThat(run("--scenarios", "bot_burst,nonsense")).isEqualTo(2);
        assertThat(run("--start", "yesterday")).isEqualTo(2);
        assertThat(run("--live", "--start", "1700000000")).isEqualTo(2);
        assertThat(run("--bad-fraction", "1")).isEqualTo(2);
        assertThat(run("--client-config", dir.resolve("missing.properties").toString())).isEqualTo(2);
        assertThat(run("--jsonl", dir.resolve("no/such/dir/out.jsonl").toString())).isEqualTo(2);

        assertThat(err.toString().lines()).hasSize(8).allMatch(line -> line.startsWith("load-generator: "))
                .satisfiesExactly(
                        line -> assertThat(line).contains("'--events'", "'-5'"),
                        line -> assertThat(line).contains("'--rate'", "'0' must be a positive number"),
                        line -> assertThat(line).contains("'--scenarios'", "unknown scenario 'nonsense'"),
                        line -> assertThat(line).contains("'--start'", "'yesterday' is neither ISO-8601"),
                        line -> assertThat(line).contains("'--start'", "cannot be combined with --live"),
                        line -> assertThat(line).contains("'--bad-fraction'", "below 1"),
                        line -> assertThat(line).contains("'--client-config'", "missing.properties"),
                        line -> assertThat(line).contains("'--jsonl'", "directory that does not exist"));
    }
}
