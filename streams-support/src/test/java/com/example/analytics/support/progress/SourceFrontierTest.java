package com.example.analytics.support.progress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SourceFrontierTest {

    private static final long TIMEOUT_MS = 2_000;

    private final SourceFrontier frontier = new SourceFrontier(TIMEOUT_MS, SourceFrontier.NONE);

    @Test
    void theFrontierIsTheSlowestSourceAndASilentSourceIsWaitedForAsLongAsItTakes() {
        frontier.report(active("0_0", 1_000));
        frontier.report(active("0_1", 400));
        assertThat(frontier.advance(0)).isEqualTo(400);
        assertThat(frontier.advance(60_000)).as("0_1 is being moved or restored, not idle").isEqualTo(400);

        frontier.report(active("0_1", 700));
        assertThat(frontier.advance(60_001)).isEqualTo(700);
    }

    @Test
    void anIdleSourceIsLeftOutOnceOthersHaveBeenAheadForTheTimeoutAndCountsAgainWhenItMoves() {
        frontier.report(idle("0_1", SourceFrontier.NONE));
        frontier.report(active("0_0", 1_000));
        assertThat(frontier.advance(0)).as("waiting for a source without records yet").isEqualTo(SourceFrontier.NONE);
        assertThat(frontier.advance(TIMEOUT_MS - 1)).isEqualTo(SourceFrontier.NONE);
        assertThat(frontier.advance(TIMEOUT_MS)).isEqualTo(1_000);

        frontier.report(active("0_0", 2_000));
        frontier.report(active("0_1", 1_500));
        assertThat(frontier.advance(TIMEOUT_MS + 1)).isEqualTo(1_500);
    }

    @Test
    void anIdleSourceThatWakesUpInTimeIsWaitedFor() {
        frontier.report(idle("0_1", 100));
        frontier.report(active("0_0", 1_000));
        assertThat(frontier.advance(0)).isEqualTo(100);

        assertThat(frontier.report(active("0_1", 100))).as("woke up at the same second").isTrue();
        assertThat(frontier.advance(TIMEOUT_MS * 10)).isEqualTo(100);
    }

    @Test
    void neitherTheFrontierNorASourceEverMovesBack() {
        frontier.report(active("0_0", 1_000));
        assertThat(frontier.advance(0)).isEqualTo(1_000);

        assertThat(frontier.report(active("0_0", 900))).isFalse();
        frontier.report(active("1_0", 10));
        assertThat(frontier.advance(1)).as("a source joining late cannot undo what was judged").isEqualTo(1_000);
    }

    private static SourceProgress active(String source, long second) {
        return new SourceProgress(source, second, false);
    }

    private static SourceProgress idle(String source, long second) {
        return new SourceProgress(source, second, true);
    }
}
