package com.example.analytics.fraud.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fraud state written before this codec existed must read the same: its bytes are the JDK's data streams'. */
class StateBytesTest {

    private static final List<String> TEXTS = List.of("", "excessive_activity", "city_7", "zürich", "東京",
            "nul\u0000inside", "emoji \uD83D\uDE00", "x".repeat(1000));

    @Test
    void writesWhatDataOutputStreamWrites() throws IOException {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        StateBytes.Out out = new StateBytes.Out();
        try (DataOutputStream jdk = new DataOutputStream(expected)) {
            for (String text : TEXTS) {
                jdk.writeUTF(text);
                out.writeUTF(text);
            }
            jdk.writeInt(-7);
            out.writeInt(-7);
            jdk.writeLong(1_764_000_000_123L);
            out.writeLong(1_764_000_000_123L);
            jdk.writeByte(1);
            out.writeByte(1);
        }
        assertThat(out.toByteArray()).isEqualTo(expected.toByteArray());
    }

    @Test
    void readsBackWhatItWrote() throws IOException {
        StateBytes.Out out = new StateBytes.Out();
        for (String text : TEXTS) {
            out.writeUTF(text);
        }
        int length = out.reserveInt();
        out.writeLong(Long.MIN_VALUE);
        out.fillInt(length, out.size() - length - Integer.BYTES);

        StateBytes.In in = new StateBytes.In(out.toByteArray());
        for (String text : TEXTS) {
            assertThat(in.readUTF()).isEqualTo(text);
        }
        assertThat(in.readInt()).isEqualTo(Long.BYTES);
        assertThat(in.readLong()).isEqualTo(Long.MIN_VALUE);
    }
}
