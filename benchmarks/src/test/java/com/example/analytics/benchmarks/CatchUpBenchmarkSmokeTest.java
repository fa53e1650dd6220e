package com.example.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.benchmarks.CatchUpBenchmark.Result;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on 20k events, so it keeps working between full runs; it asserts completeness, never speed. */
class CatchUpBenchmarkSmokeTest {

    /** Four Spring Boot JVMs starting at once on two cores: the client compiler alone starts them much sooner. */
    private static final List<String> QUICK_START = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-Xss512k");

    @Test
    void everyCandidateCatchesUpOnTheSameRecordsAndIsReportedAgainstTheBaselines(@TempDir Path state) {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Result> results;
        try (BenchmarkBroker broker = BenchmarkBroker.start()) {
            Benchmarks.prefill(broker.bootstrapServers(), TrafficShape.DENSE, 20_000, 10_000);
            results = new CatchUpBenchmark(broker.bootstrapServers(), state,
                    new PrintStream(printed, true, StandardCharsets.UTF_8), Duration.ofSeconds(2), QUICK_START).run(1);
        }

        assertThat(results).extracting(Result::candidate).containsExactly("B0 raw consumer", "B1 no-op streams",
                "B2 parse and validate", "user-analytics", "product-analytics", "trend", "fraud",
                "four services together", "four services as processes");
        assertThat(results).allSatisfy(result -> {
            assertThat(result.recordsPerSecond()).isPositive();
            assertThat(result.steadyRecordsPerSecond()).isPositive();
            assertThat(result.cpuMicrosPerRecord()).isPositive();
        });
        // each reads all of its input topics: user-analytics and fraud the user events, product the product events
        assertThat(results).filteredOn(result -> List.of("B0 raw consumer", "B1 no-op streams",
                "B2 parse and validate", "trend", "four services together").contains(result.candidate()))
                .extracting(Result::records).containsOnly(20_000L);
        assertThat(records(results, "user-analytics") + records(results, "product-analytics")).isEqualTo(20_000);
        assertThat(records(results, "fraud")).isEqualTo(records(results, "user-analytics"));
        // the processes come after the latency load and read what it added as well
        assertThat(records(results, "four services as processes")).isGreaterThan(20_000);
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertThat(report).contains("xB1", "fraud", "CPU-us/record by thread", "stored: changelogs");
        // every probe of every load level was answered: the harness measures what it claims to
        assertThat(report).contains("latency at 25% load", "latency at 50% load", "latency at 75% load")
                .containsPattern("event to action .*\\(\\d+ samples, 0 missing\\)")
                .doesNotContainPattern("\\(0 samples")
                .doesNotContainPattern("[1-9]\\d* missing\\)");
        // each service process measured after its catch-up: memory as an operator would size a pod by
        assertThat(report.lines().filter(line -> line.matches(".*(user-analytics|product-analytics|trend|fraud): "
                + "start-up .* heap after GC [1-9]\\d* MB.* RSS [1-9]\\d* MB.*"))).hasSize(4);
    }

    private static long records(List<Result> results, String candidate) {
        return results.stream().filter(result -> result.candidate().equals(candidate)).findFirst().orElseThrow()
                .records();
    }
}
