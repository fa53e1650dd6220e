package com.example.analytics.support.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SecondCountsTest {

    @Test
    void theWindowAtTHoldsTheLastNSecondsIncludingT() {
        SecondCounts counts = new SecondCounts();
        counts.add(1000, 1);
        counts.add(1059, 1);
        counts.add(1060, 1);

        assertThat(counts.sumOfWindowEndingAt(1059, 60)).isEqualTo(2);
        assertThat(counts.sumOfWindowEndingAt(1060, 60)).as("second 1000 is exactly 60 s old").isEqualTo(2);
        assertThat(counts.sumOfWindowEndingAt(1060, 61)).isEqualTo(3);
    }

    @Test
    void anOutOfOrderAdditionIsPlacedWhereItBelongsAndEarlierWindowsIgnoreLaterSeconds() {
        SecondCounts counts = new SecondCounts();
        counts.add(10, 1);
        counts.add(20, 1);
        counts.add(15, 2);
        counts.add(20, 1);

        assertThat(counts.sumOfWindowEndingAt(15, 10)).isEqualTo(3);
        assertThat(counts.sumOfWindowEndingAt(20, 10)).isEqualTo(4);
        assertThat(counts.entries()).isEqualTo(3);
        assertThat(counts.total()).isEqualTo(5);
    }

    @Test
    void theSecondsWithEventsInARangeAreVisitedInOrder() {
        SecondCounts counts = new SecondCounts();
        counts.add(30, 1);
        counts.add(10, 1);
        counts.add(20, 4);
        counts.add(40, 1);

        List<Long> visited = new ArrayList<>();
        counts.forEachSecondBetween(20, 30, visited::add);
        assertThat(visited).containsExactly(20L, 30L);
    }

    @Test
    void pruningForgetsOldSecondsAndSaysWhetherAnythingIsLeft() {
        SecondCounts counts = new SecondCounts();
        counts.add(1, 5);
        counts.add(2, 5);

        assertThat(counts.pruneBefore(2)).isTrue();
        assertThat(counts.total()).isEqualTo(5);
        assertThat(counts.pruneBefore(3)).isFalse();
        assertThat(counts.isEmpty()).isTrue();
    }

    @Test
    void secondsAreFlooredAlsoBeforeTheEpoch() {
        assertThat(SecondCounts.secondOf(1_732_450_000_999L)).isEqualTo(1_732_450_000L);
        assertThat(SecondCounts.secondOf(-1L)).isEqualTo(-1L);
    }

    @Test
    void randomAdditionsAgreeWithAPlainMapAndSurviveSerialisation() {
        Random random = new Random(42);
        SecondCounts counts = new SecondCounts();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        for (int i = 0; i < 5000; i++) {
            long second = 1_732_450_000L + random.nextInt(4000);
            int n = 1 + random.nextInt(3);
            counts.add(second, n);
            reference.merge(second, n, Integer::sum);
            if (i % 500 == 0) {
                long cut = 1_732_450_000L + random.nextInt(1000);
                counts.pruneBefore(cut);
                reference.headMap(cut).clear();
            }
        }
        for (int probe = 0; probe < 200; probe++) {
            long at = 1_732_450_000L + random.nextInt(4200);
            int window = 1 + random.nextInt(3600);
            long expected = reference.subMap(at - window + 1, true, at, true).values().stream()
                    .mapToLong(Integer::longValue).sum();
            assertThat(counts.sumOfWindowEndingAt(at, window)).isEqualTo(expected);
        }
        byte[] bytes = counts.toBytes();
        assertThat(bytes).hasSize(counts.serializedSize());
        assertThat(SecondCounts.fromBytes(bytes)).isEqualTo(counts);
        assertThat(SecondCounts.fromBytes(new SecondCounts().toBytes()).isEmpty()).isTrue();
    }

    @Test
    void aWindowSlidingFarAlongWithOutOfOrderSecondsKeepsItsSizeAndAgreesWithAPlainMap() {
        Random random = new Random(7);
        SecondCounts counts = new SecondCounts();
        TreeMap<Long, Integer> reference = new TreeMap<>();
        long newest = 1_000_000L;
        for (int i = 0; i < 100_000; i++) {
            newest += random.nextInt(3);
            // mostly in order, sometimes a few seconds back, as events within the grace period arrive
            long second = random.nextInt(10) == 0 ? newest - random.nextInt(5) : newest;
            counts.add(second, 1);
            reference.merge(second, 1, Integer::sum);
            counts.pruneBefore(newest - 299);
            reference.headMap(newest - 299).clear();
            if (i % 997 == 0) {
                long at = newest - random.nextInt(60);
                long expected = reference.subMap(at - 59, true, at, true).values().stream()
                        .mapToLong(Integer::longValue).sum();
                assertThat(counts.sumOfWindowEndingAt(at, 60)).isEqualTo(expected);
                assertThat(counts.entries()).isEqualTo(reference.size());
            }
        }
        List<Long> seconds = new ArrayList<>();
        counts.forEach((second, count) -> seconds.add(second));
        assertThat(seconds).containsExactlyElementsOf(reference.keySet());
        assertThat(SecondCounts.fromBytes(counts.toBytes())).isEqualTo(counts);
    }

    @Test
    void mergingInterleavedCountsAgreesWithAddingThemOneByOne() {
        Random random = new Random(5);
        SecondCounts merged = new SecondCounts();
        SecondCounts oneByOne = new SecondCounts();
        for (int round = 0; round < 20; round++) {
            SecondCounts partial = new SecondCounts();
            for (int i = 0; i < 200; i++) {
                partial.add(1_000 + random.nextInt(3000), 1 + random.nextInt(3));
            }
            merged.addAll(partial);
            partial.forEach(oneByOne::add);
            merged.pruneBefore(1_000 + round * 50);
            oneByOne.pruneBefore(1_000 + round * 50);
        }
        assertThat(merged).isEqualTo(oneByOne);
        assertThat(merged.total()).isEqualTo(oneByOne.total());
    }

    @Test
    void addingAllOfAnotherSumsSecondBySecond() {
        SecondCounts counts = new SecondCounts();
        counts.add(10, 1);
        counts.add(12, 1);
        SecondCounts more = new SecondCounts();
        more.add(11, 2);
        more.add(12, 3);

        counts.addAll(more);

        assertThat(counts).hasToString("SecondCounts{10=1, 11=2, 12=4}");
        assertThat(counts.total()).isEqualTo(7);
    }

    @Test
    void windowsVisitedInOnePassEqualEachWindowSummedOnItsOwn() {
        Random random = new Random(3);
        SecondCounts counts = new SecondCounts();
        for (int i = 0; i < 3000; i++) {
            counts.add(10_000 + random.nextInt(5000), 1 + random.nextInt(4));
        }
        for (int probe = 0; probe < 50; probe++) {
            long from = 9_000 + random.nextInt(6000);
            long to = from + random.nextInt(3000);
            int window = 1 + random.nextInt(600);
            List<Long> seconds = new ArrayList<>();
            counts.forEachWindowBetween(from, to, window, (second, windowEvents) -> {
                seconds.add(second);
                assertThat(windowEvents).isEqualTo(counts.sumOfWindowEndingAt(second, window));
            });
            List<Long> expected = new ArrayList<>();
            counts.forEachSecondBetween(from, to, expected::add);
            assertThat(seconds).isEqualTo(expected);
        }
    }
}
