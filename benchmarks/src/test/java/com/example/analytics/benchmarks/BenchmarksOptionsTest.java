package com.example.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.benchmarks.Benchmarks.Options;
import com.example.analytics.support.streams.StateStores;
import org.junit.jupiter.api.Test;

class BenchmarksOptionsTest {

    @Test
    void aFullRunMeasuresEachServiceWithTheStoresItIsDeployedWith() {
        Options options = Options.parse();

        assertThat(options.events()).as("each shape's own count").isZero();
        assertThat(options.stateStores()).as("each service's own kind").isEmpty();
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
    void anUnknownShapeNamesTheOptionAndTheValue() {
        assertThatThrownBy(() -> Options.parse("--shape", "dense,bursty"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--shape").hasMessageContaining("bursty");
    }

    @Test
    void bothKindsOfStoreCanBeComparedInOneRun() {
        assertThat(Options.parse("--state-stores", "rocksdb,in-memory").stateStores())
                .containsExactly(StateStores.ROCKSDB, StateStores.IN_MEMORY);
    }

    @Test
    void anUnknownStoreKindNamesTheOptionAndTheValue() {
        assertThatThrownBy(() -> Options.parse("--state-stores", "rocksdb,redis"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--state-stores").hasMessageContaining("redis");
    }

    @Test
    void anUnknownOptionListsTheKnownOnes() {
        assertThatThrownBy(() -> Options.parse("--fast"))
                .hasMessageContaining("unknown option --fast").hasMessageContaining("--state-stores");
    }
}
