package com.example.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.benchmarks.Benchmarks.Options;
import com.example.analytics.support.streams.StateStores;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.ParameterException;

class BenchmarksOptionsTest {

    @Test
    void aFullRunMeasuresEachServiceWithTheStoresItIsDeployedWith() {
        Options options = Options.parse();

        assertThat(options.events()).as("each shape's own count").isZero();
        assertThat(options.stateStores()).as("each service's own kind").isEmpty();
        assertThat(options.users()).isEqualTo(100_000);
        assertThat(options.rounds()).isEqualTo(2);
        assertThat(options.latencyPerLevel()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.bootstrap()).as("a broker in this JVM").isNull();
        assertThat(options.growth()).isFalse();
        assertThat(options.launcher()).isFalse();
        assertThat(options.launcherJar()).isEqualTo(Path.of("launcher", "target", "launcher.jar"));
        assertThat(options.chosen()).accepts("fraud", "four services together");
    }

    @Test
    void aFullRunMeasuresBothTrafficShapesEachWithItsOwnCount() {
        assertThat(Options.parse().shapes()).containsExactly(TrafficShape.DENSE, TrafficShape.SPARSE);
        assertThat(TrafficShape.DENSE.defaultEvents()).isEqualTo(2_000_000);
        assertThat(TrafficShape.SPARSE.defaultEvents()).isEqualTo(1_000_000);
        assertThat(Options.parse("--shape", "sparse").shapes()).containsExactly(TrafficShape.SPARSE);
    }

    @Test
    void sparseTrafficSpreadsAMillionEventsOverMoreThanFiveDays() {
        var config = TrafficShape.SPARSE.generator(1_000_000, 100_000);

        assertThat(1_000_000 / config.eventsPerSecond()).isGreaterThan(5 * 86_400);
    }

    @Test
    void everyOptionTakesItsValue() {
        Options options = Options.parse("--events", "20000", "--users=10000", "--rounds", "1", "--latency-seconds",
                "0", "--only", "fraud,processes", "--bootstrap-servers", "broker:9092");

        assertThat(options.events()).isEqualTo(20_000);
        assertThat(options.users()).isEqualTo(10_000);
        assertThat(options.rounds()).isEqualTo(1);
        assertThat(options.latencyPerLevel()).isZero();
        assertThat(options.bootstrap()).isEqualTo("broker:9092");
        assertThat(options.chosen()).accepts("fraud", "four services as processes")
                .rejects("trend", "four services together");
    }

    @Test
    void anUnknownShapeNamesTheOptionAndTheValue() {
        assertThatThrownBy(() -> Options.parse("--shape", "dense,bursty"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--shape").hasMessageContaining("'bursty'");
    }

    @Test
    void bothKindsOfStoreCanBeComparedInOneRun() {
        assertThat(Options.parse("--state-stores", "rocksdb,in-memory").stateStores())
                .containsExactly(StateStores.ROCKSDB, StateStores.IN_MEMORY);
    }

    @Test
    void anUnknownStoreKindNamesTheOptionAndTheValue() {
        assertThatThrownBy(() -> Options.parse("--state-stores", "rocksdb,redis"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--state-stores").hasMessageContaining("'redis'");
    }

    @Test
    void aMissingOrBadValueNamesTheOption() {
        assertThatThrownBy(() -> Options.parse("--events"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'--events'");
        assertThatThrownBy(() -> Options.parse("--rounds", "two"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'--rounds'").hasMessageContaining("'two'");
        assertThatThrownBy(() -> Options.parse("--users", "0"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'--users'");
        assertThatThrownBy(() -> Options.parse("--latency-seconds", "-1"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("'--latency-seconds'");
    }

    @Test
    void theGrowthAndTheLauncherRunsBringTheirOwnBrokers() {
        assertThatThrownBy(() -> Options.parse("--growth", "--bootstrap-servers", "broker:9092"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--bootstrap-servers").hasMessageContaining("--growth");
        assertThatThrownBy(() -> Options.parse("--launcher", "--bootstrap-servers", "broker:9092"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--bootstrap-servers").hasMessageContaining("--launcher");
        assertThatThrownBy(() -> Options.parse("--growth", "--launcher"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--growth").hasMessageContaining("--launcher");
        assertThatThrownBy(() -> Options.parse("--heap", "--growth"))
                .isInstanceOf(ParameterException.class).hasMessageContaining("--heap");
        assertThat(Options.parse("--heap", "--users", "1000000").heap()).isTrue();
    }

    @Test
    void theLauncherRunNeedsTheLauncherJar() {
        assertThatThrownBy(() -> Options.parse("--launcher", "--launcher-jar", "no/such/launcher.jar"))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("--launcher-jar").hasMessageContaining("no/such/launcher.jar");
        // Only the launcher run needs it: the others run without it built.
        assertThat(Options.parse("--launcher-jar", "no/such/launcher.jar").launcherJar())
                .isEqualTo(Path.of("no/such/launcher.jar"));
    }
}
