package com.example.analytics.support.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WriteBehindCacheTest {

    private static final String TOPIC = "counted";

    private TopologyTestDriver driver;
    private TestInputTopic<String, String> input;
    private KeyValueStore<String, Long> stored;
    private final List<String> changelog = new ArrayList<>();

    private void start(int maxEntries) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "write-behind-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, "target/write-behind-test");
        driver = new TopologyTestDriver(WriteBehindCounting.build(TOPIC, StateStores.IN_MEMORY, maxEntries,
                value -> false), props);
        input = driver.createInputTopic(TOPIC, new StringSerializer(), new StringSerializer());
        stored = driver.getKeyValueStore(WriteBehindCounting.STORE);
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void whatTheProcessorCountedIsInTheStoreBehindAfterEveryCommit() {
        start(100);
        input.pipeInput("a", "x");
        input.pipeInput("a", "x");
        input.pipeInput("b", "x");

        // the driver commits after every record: Kafka Streams flushed the cache each time
        assertThat(stored.get("a")).isEqualTo(2);
        assertThat(stored.get("b")).isEqualTo(1);
        assertThat(cache().size()).isEqualTo(2);
    }

    @Test
    void aRemovedKeyIsRemovedBehindToo() {
        start(100);
        input.pipeInput("a", "x");
        input.pipeInput("a", "-");

        assertThat(stored.get("a")).isNull();
        input.pipeInput("a", "x");
        assertThat(stored.get("a")).as("counting starts again").isEqualTo(1);
    }

    @Test
    void afterAFlushOnlyTheMostRecentlyUsedStayOnTheHeapAndTheOthersAreLoadedAgain() {
        start(2);
        input.pipeInput("a", "x");
        input.pipeInput("b", "x");
        input.pipeInput("c", "x");
        assertThat(cache().size()).isEqualTo(2);

        input.pipeInput("a", "x");
        assertThat(stored.get("a")).as("loaded from the store, not started again").isEqualTo(2);
    }

    private WriteBehindCache<String, Long> cache() {
        return (WriteBehindCache<String, Long>) driver.getStateStore(WriteBehindCounting.CACHE);
    }
}
