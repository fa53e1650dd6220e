package com.example.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.benchmarks.Benchmarks.Options;
import com.example.analytics.support.streams.StateStores;
import org.junit.jupiter.api.Test;

class BenchmarksOptionsTest {

    @Test
    void aFullRunMeasuresTheDeployedRocksDbStores() {
        Options options = Options.parse();

        assertThat(options.events()).isEqualTo(2_000_000);
        assertThat(options.stateStores()).containsExactly(StateStores.ROCKSDB);
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
