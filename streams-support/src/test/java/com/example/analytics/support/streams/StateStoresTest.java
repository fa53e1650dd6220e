package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.junit.jupiter.api.Test;

class StateStoresTest {

    @Test
    void rocksDbStoresArePersistentAndInMemoryOnesAreNot() {
        KeyValueBytesStoreSupplier rocks = StateStores.ROCKSDB.keyValue("users");
        KeyValueBytesStoreSupplier memory = StateStores.IN_MEMORY.keyValue("users");

        assertThat(rocks.name()).isEqualTo("users");
        assertThat(rocks.get().persistent()).isTrue();
        assertThat(memory.name()).isEqualTo("users");
        assertThat(memory.get().persistent()).isFalse();
    }

    @Test
    void eachKindIsSpelledAsTheSettingSpellsIt() {
        assertThat(StateStores.ROCKSDB.propertyValue()).isEqualTo("rocksdb");
        assertThat(StateStores.IN_MEMORY.propertyValue()).isEqualTo("in-memory");
        for (StateStores kind : StateStores.values()) {
            assertThat(StateStores.ofPropertyValue(kind.propertyValue())).contains(kind);
        }
        assertThat(StateStores.ofPropertyValue("IN_MEMORY")).isEmpty();
        assertThat(StateStores.ofPropertyValue("redis")).isEmpty();
    }

    @Test
    void windowStoresKeepTheirRetentionAndSizeAndNoDuplicatesOnEitherKind() {
        for (StateStores kind : StateStores.values()) {
            WindowBytesStoreSupplier seconds = kind.window("seconds", Duration.ofHours(2), Duration.ofSeconds(1));

            assertThat(seconds.name()).isEqualTo("seconds");
            assertThat(seconds.retentionPeriod()).as(kind.name()).isEqualTo(Duration.ofHours(2).toMillis());
            assertThat(seconds.windowSize()).as(kind.name()).isEqualTo(1000);
            assertThat(seconds.retainDuplicates()).as(kind.name()).isFalse();
            assertThat(seconds.get().persistent()).as(kind.name()).isEqualTo(kind == StateStores.ROCKSDB);
        }
    }
}
