package com.example.analytics.trend.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.support.progress.SourceProgress;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The JSON written before SourceProgress moved to streams-support: re-key topics and the progress store hold it. */
class TrendUpdateJsonTest {

    private static final String PROGRESS = "{\"kind\":\"progress\",\"source\":\"0_3\",\"complete_through\":1763"
            + "888400,\"idle\":true}";
    private static final SourceProgress SOURCE_PROGRESS = new SourceProgress("0_3", 1_763_888_400, true);

    private final JsonSerde<TrendUpdate> updates = JsonSerde.of(TrendUpdate.class);
    private final Serde<SourceProgress> store = TrendUpdate.progressSerde();

    @Test
    void progressInTheReKeyTopicIsWrittenAndReadAsBefore() {
        assertThat(json(updates.toBytes(new TrendUpdate.Progress(SOURCE_PROGRESS)))).isEqualTo(PROGRESS);
        assertThat(updates.fromBytes(bytes(PROGRESS))).isEqualTo(new TrendUpdate.Progress(SOURCE_PROGRESS));
        assertThat(updates.fromBytes(bytes("{\"kind\":\"count\",\"trend_key\":\"user_click\",\"second\":7,"
                + "\"count\":3}"))).as("what versions before one record per key and flush sent")
                .isEqualTo(new PartialCount("user_click", 7, 3));
    }

    @Test
    void aFlushSendsEachKeysSecondsAsOneRecord() {
        PartialCounts counts = new PartialCounts("user_click", new long[] {7, 9}, new int[] {3, 1});
        String json = "{\"kind\":\"counts\",\"trend_key\":\"user_click\",\"seconds\":[7,9],\"counts\":[3,1]}";

        assertThat(json(updates.toBytes(counts))).isEqualTo(json);
        assertThat(updates.fromBytes(bytes(json))).isEqualTo(counts);
    }

    @Test
    void theProgressStoreKeepsItsFormat() {
        assertThat(json(store.serializer().serialize("trend-progress", SOURCE_PROGRESS))).isEqualTo(PROGRESS);
        assertThat(store.deserializer().deserialize("trend-progress", bytes(PROGRESS))).isEqualTo(SOURCE_PROGRESS);
        assertThat(store.serializer().serialize("trend-progress", null)).isNull();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String json(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
