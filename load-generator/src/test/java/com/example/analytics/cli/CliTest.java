package com.example.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

class CliTest {

    @Command(name = "tool", description = "Counts.")
    static final class Tool implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--count", paramLabel = "N", defaultValue = "3", description = "how many")
        int count;

        @Option(names = "--fail", description = "fail while running")
        boolean fail;

        @Override
        public Integer call() {
            Cli.require(spec, count > 0, "--count", "must be positive");
            if (fail) {
                throw new IllegalStateException("the broker went away", new RuntimeException("connection refused"));
            }
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Cli.commandLine(new Tool());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void aBadOrMissingValueIsOneLineNamingTheOptionAndExitCode2() {
        assertThat(run("--count", "many")).isEqualTo(2);
        assertThat(run("--count")).isEqualTo(2);
        assertThat(run("--count", "-1")).isEqualTo(2);
        assertThat(run("--counts=1")).isEqualTo(2);
        assertThat(run("--nonsense")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "tool: Invalid value for option '--count': 'many' is not an int (see --help)",
                "tool: Missing required parameter for option '--count' (N) (see --help)",
                "tool: Invalid value for option '--count': '-1' must be positive (see --help)",
                "tool: Unknown option: '--counts=1' (did you mean --count?)",
                "tool: Unknown option: '--nonsense' (see --help)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aFailureWhileRunningIsOneLineWithItsCauseAndExitCode1() {
        assertThat(run("--fail")).isEqualTo(1);

        assertThat(err.toString()).isEqualTo("tool: the broker went away (connection refused)"
                + System.lineSeparator());
    }

    @Test
    void everyCommandHasHelpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(run("-V")).isZero();

        assertThat(out.toString()).startsWith(Cli.usage(new Tool()))
                .contains("  -V, --version ", "      --count=N ")
                // Tests run from classes, not from the jar whose manifest has the version.
                .contains("tool " + ManifestVersion.UNKNOWN, "Java " + Runtime.version());
        assertThat(err.toString()).isEmpty();
    }
}
