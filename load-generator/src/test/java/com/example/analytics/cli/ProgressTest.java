package com.example.analytics.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong();

    private Progress progress(long total, boolean terminal) {
        return new Progress("records", total, new PrintStream(output, true, StandardCharsets.UTF_8), terminal,
                clock::get, false);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Test
    void offATerminalEachDrawIsALineWithShareRateAndEta() {
        Progress progress = progress(1_000_000, false);
        clock.set(2 * SECOND);
        progress.advance(200_000);
        progress.draw();
        clock.set(4 * SECOND);
        progress.advance(200_000);
        progress.draw();

        assertThat(printed().lines()).containsExactly(
                "records: 200,000 of 1,000,000 (20%), 100,000/s, ETA 0:08",
                "records: 400,000 of 1,000,000 (40%), 100,000/s, ETA 0:06");
    }

    @Test
    void onATerminalTheBarIsRedrawnInPlaceAndEndsWithALineBreak() {
        try (Progress progress = progress(1_000, true)) {
            clock.set(SECOND);
            progress.advance(500);
            progress.draw();
            clock.set(2 * SECOND);
            progress.advance(500);
        }

        assertThat(printed()).isEqualTo(
                "\rrecords [===============>              ]  50%  500/1,000  500/s  ETA 0:01"
                + "\rrecords [==============================] 100%  1,000/1,000  500/s  ETA 0:00"
                + System.lineSeparator());
    }

    @Test
    void theRateFollowsAChangeOfPaceSmoothly() {
        Progress progress = progress(0, false);
        clock.set(SECOND);
        progress.advance(1_000);
        progress.draw();
        clock.set(2 * SECOND);
        progress.draw();
        clock.set(60 * SECOND);
        progress.draw();

        List<String> lines = printed().lines().toList();
        assertThat(lines.get(0)).isEqualTo("records: 1,000, 1,000/s");
        // A second of nothing lowers the rate by a fifth-ish, not to 0: a short stall does not look like a hang.
        assertThat(lines.get(1)).isEqualTo("records: 1,000, 819/s");
        assertThat(lines.get(2)).isEqualTo("records: 1,000, 0/s");
    }

    @Test
    void withoutARateYetTheEtaIsUnknown() {
        Progress progress = progress(10, false);
        progress.draw();

        assertThat(printed()).isEqualTo("records: 0 of 10 (0%), -/s, ETA -" + System.lineSeparator());
    }

    @Test
    void countingCountsEachElementTakenAndUpdateSetsTheCount() {
        Progress progress = progress(3, false);
        var counted = progress.counting(List.of("a", "b", "c").iterator());
        counted.next();
        counted.next();
        assertThat(progress.done()).isEqualTo(2);

        progress.update(40);
        assertThat(progress.done()).isEqualTo(40);
    }
}
