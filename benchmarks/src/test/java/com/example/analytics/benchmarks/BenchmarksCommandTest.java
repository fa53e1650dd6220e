package com.example.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.cli.Cli;
import com.example.analytics.cli.HelpInReadme;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The benchmarks' command lines as a user meets them; nothing here runs a benchmark. */
class BenchmarksCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(Object command, String... args) {
        CommandLine commandLine = Cli.commandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void theReadmeShowsTheHelpAsItIs() {
        assertThat(HelpInReadme.of("Benchmarks")).isEqualTo(Cli.usage(new BenchmarksCommand()));
    }

    @Test
    void helpAndVersionAnswerWithoutRunning() {
        assertThat(execute(new BenchmarksCommand(), "--help")).isZero();
        assertThat(execute(new BenchmarksCommand(), "--version")).isZero();

        assertThat(out.toString()).startsWith(Cli.usage(new BenchmarksCommand())).contains("Benchmarks ");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void aBadOrMissingValueIsOneLineNamingTheOptionAndExitCode2() {
        assertThat(execute(new BenchmarksCommand(), "--events")).isEqualTo(2);
        assertThat(execute(new BenchmarksCommand(), "--shape", "dense,bursty")).isEqualTo(2);
        assertThat(execute(new BenchmarksCommand(), "--growth", "--bootstrap-servers", "broker:9092")).isEqualTo(2);
        assertThat(execute(new BenchmarksCommand(), "--fast")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "Benchmarks: Missing required parameter for option '--events' (N) (see --help)",
                "Benchmarks: Invalid value for option '--shape' (LIST): unknown shape 'bursty' (dense or sparse) "
                        + "(see --help)",
                "Benchmarks: Invalid value for option '--bootstrap-servers': 'broker:9092' cannot be combined with "
                        + "--growth, which starts a fresh broker for every size (see --help)",
                "Benchmarks: Unknown option: '--fast' (see --help)");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void theOtherBenchmarksTakeOptionsTheSameWay() {
        assertThat(execute(new PreAggregationBenchmark(), "--events", "0")).isEqualTo(2);
        assertThat(execute(new ActiveSessionsBenchmark(), "--users", "many")).isEqualTo(2);
        assertThat(execute(new ActiveSessionsBenchmark(), "--calls", "0")).isEqualTo(2);
        // The positional arguments they once took are refused, not silently ignored.
        assertThat(execute(new TopProductsQueryBenchmark(), "1000")).isEqualTo(2);

        assertThat(err.toString().lines()).containsExactly(
                "PreAggregationBenchmark: Invalid value for option '--events': '0' must be 1 or more (see --help)",
                "ActiveSessionsBenchmark: Invalid value for option '--users': 'many' is not an int (see --help)",
                "ActiveSessionsBenchmark: Invalid value for option '--calls': '0' must be 1 or more (see --help)",
                "TopProductsQueryBenchmark: Unmatched argument at index 0: '1000' (see --help)");
    }
}
