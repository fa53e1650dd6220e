package com.example.analytics.loadgen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.model.Event;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.model.validation.EventParser;
import com.example.analytics.model.validation.InvalidRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    private static GeneratorConfig.Builder small() {
        return GeneratorConfig.builder().seed(7).users(2_000).products(300).events(50_000).eventsPerSecond(40);
    }

    @Test
    void theSameSeedGivesTheSameRecordsAndAnotherSeedDoesNot() {
        List<String> first = fingerprints(new LoadGenerator(small().build()), 20_000);
        List<String> second = fingerprints(new LoadGenerator(small().build()), 20_000);
        List<String> other = fingerprints(new LoadGenerator(small().seed(8).build()), 20_000);

        assertThat(second).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void everyGoodRecordIsValidInputKeyedByItsIdAndMatchesItsTypedEvent() {
        EventParser<?> users = EventParser.users();
        EventParser<?> products = EventParser.products();
        new LoadGenerator(small().build()).stream().filter(record -> !record.isBad()).forEach(record -> {
            EventParser<?> parser = record.topic().equals(Topics.USER_EVENTS.name()) ? users : products;
            Event parsed = parser.parse(record.value());
            assertThat(parsed).isEqualTo(record.event());
            assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo(parsed.subjectId());
            assertThat(parsed.timestampMillis()).isEqualTo(record.eventTimeMillis());
        });
    }

    @Test
    void everyBadRecordIsRejectedForTheReasonItWasMadeFor() {
        LoadGenerator generator = new LoadGenerator(small().events(200_000).badFraction(0.02).build());
        Map<BadKind, Integer> seen = new HashMap<>();
        generator.stream().filter(GeneratedRecord::isBad).forEach(record -> {
            seen.merge(record.bad(), 1, Integer::sum);
            assertThat(rejected(record)).as(record.bad().name()).isTrue();
        });
        assertThat(seen.keySet()).containsExactlyInAnyOrder(BadKind.values());
        assertThat(generator.report().badByKind()).isEqualTo(seen.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
    }

    @Test
    void theBadFractionIsWithinATenthOfAPercentagePointOver100kRecords() {
        LoadGenerator generator = new LoadGenerator(small().events(100_000).badFraction(0.03).noScenarios()
                .scenarios(EnumSet.of(Scenario.BAD_RECORDS)).build());
        long bad = generator.stream().filter(GeneratedRecord::isBad).count();

        assertThat(bad / 100_000.0).isBetween(0.029, 0.031);
        assertThat(generator.report().badRecords()).isEqualTo(bad);
    }

    @Test
    void normalTrafficAloneNeverTripsAFraudOrEngagementRule() {
        LoadGenerator generator = new LoadGenerator(small().events(150_000).noScenarios().build());
        Map<String, List<Event>> byUser = new HashMap<>();
        Map<String, Long> previous = new HashMap<>();
        generator.stream().map(GeneratedRecord::event)
                .filter(event -> event != null && event.subjectId().startsWith("user_")
                        && !(event instanceof com.example.analytics.model.ProductEvent))
                .forEach(event -> {
                    Long before = previous.put(event.subjectId(), event.timestampMillis());
                    if (before != null) {
                        assertThat(event.timestampMillis() - before).as("think time of " + event.subjectId())
                                .isGreaterThanOrEqualTo(Simulation.MIN_THINK_MS);
                    }
                    assertThat(event.dataFlag("suspicious")).isFalse();
                    assertThat(event.dataNumber("amount").orElse(0)).isLessThanOrEqualTo(1000);
                    byUser.computeIfAbsent(event.subjectId(), u -> new ArrayList<>()).add(event);
                });
        assertThat(byUser).hasSizeGreaterThan(500);
        byUser.forEach((user, events) -> assertThat(events.stream()
                .map(event -> event.dataText("location").orElse("")).distinct().count()).as(user).isEqualTo(1));
    }

    @Test
    void theReportListsEveryTriggeredScenarioAndTheStreamContainsIt() {
        LoadGenerator generator = new LoadGenerator(small().events(400_000).eventsPerSecond(60)
                .scenarioEvery(Duration.ofMinutes(20)).build());
        Map<String, List<GeneratedRecord>> bySubject = new HashMap<>();
        Map<String, Integer> shares = new TreeMap<>();
        long[] newest = {Long.MIN_VALUE};
        generator.stream().forEach(record -> {
            newest[0] = Math.max(newest[0], record.eventTimeMillis());
            if (record.scenario() == null) {
                return;
            }
            bySubject.computeIfAbsent(record.subject(), s -> new ArrayList<>()).add(record);
            if (record.scenario() == Scenario.SITE_SPIKE) {
                shares.merge(record.event().eventType(), 1, Integer::sum);
            }
        });
        InjectionReport report = generator.report();
        // the run may stop inside the last occurrence; every earlier one is there in full
        Predicate<Injection> whole = injection -> injection.toMillis() <= newest[0];

        for (Scenario scenario : List.of(Scenario.BOT_BURST, Scenario.IMPOSSIBLE_TRAVEL, Scenario.SUSPICIOUS_LOGIN,
                Scenario.VIRAL_PRODUCT, Scenario.SITE_SPIKE, Scenario.ENGAGED_SESSION)) {
            assertThat(report.injections(scenario)).as(scenario.name()).hasSizeGreaterThanOrEqualTo(3);
        }
        for (Injection bot : report.injections(Scenario.BOT_BURST)) {
            List<GeneratedRecord> records = bySubject.get(bot.subject());
            assertThat(records).hasSizeLessThanOrEqualTo(80);
            if (whole.test(bot)) {
                assertThat(records).hasSize(80);
            }
            long trigger = (long) bot.details().get("trigger_time_ms");
            assertThat(records.stream().filter(r -> r.eventTimeMillis() > trigger - 60_000
                    && r.eventTimeMillis() <= trigger).count()).isEqualTo(51);
        }
        for (Injection travel : report.injections(Scenario.IMPOSSIBLE_TRAVEL)) {
            Set<String> towns = new HashSet<>();
            bySubject.get(travel.subject()).forEach(r -> towns.add(r.event().dataText("location").orElseThrow()));
            List<String> scripted = (List<String>) travel.details().get("locations");
            assertThat(towns).containsAll(scripted.subList(0, 6));
            if (whole.test(travel)) {
                assertThat(towns).hasSize(7).containsAll(scripted);
            }
        }
        for (Injection login : report.injections(Scenario.SUSPICIOUS_LOGIN)) {
            List<GeneratedRecord> records = bySubject.get(login.subject());
            assertThat(records.get(0).event().dataFlag("suspicious")).isTrue();
            assertThat(records.stream().filter(r -> r.event().eventType().equals("transaction")
                    && r.event().dataNumber("amount").orElse(0) > 1000
                    && r.eventTimeMillis() - login.fromMillis() <= 300_000)).hasSize(1);
        }
        for (Injection viral : report.injections(Scenario.VIRAL_PRODUCT)) {
            assertThat(bySubject.get(viral.subject())).hasSizeBetween(101, 150)
                    .allSatisfy(r -> assertThat(r.event().eventType()).isEqualTo("product_view"));
            if (whole.test(viral)) {
                assertThat(bySubject.get(viral.subject())).hasSize(150);
            }
        }
        assertThat(shares.keySet()).containsExactly("share");
        assertThat(report.records()).isEqualTo(400_000);
    }

    @Test
    void anOccurrenceCutOffByTheEndOfTheRunIsReportedOnceItsTriggerWasSent() {
        List<GeneratedRecord> records = new LoadGenerator(small().build()).stream().toList();
        Injection bot = firstBot(small().build());
        long trigger = (long) bot.details().get("trigger_time_ms");
        int triggerRecord = 0;
        while (!(bot.subject().equals(records.get(triggerRecord).subject())
                && records.get(triggerRecord).eventTimeMillis() == trigger)) {
            triggerRecord++;
        }

        assertThat(firstBotReportedAfter(triggerRecord)).isFalse();
        assertThat(firstBotReportedAfter(triggerRecord + 1)).isTrue();
    }

    private static Injection firstBot(GeneratorConfig config) {
        LoadGenerator generator = new LoadGenerator(config);
        generator.stream().forEach(record -> { });
        return generator.report().injections(Scenario.BOT_BURST).get(0);
    }

    private static boolean firstBotReportedAfter(int records) {
        LoadGenerator generator = new LoadGenerator(small().events(records).build());
        generator.stream().forEach(record -> { });
        return !generator.report().injections(Scenario.BOT_BURST).isEmpty();
    }

    @Test
    void outOfOrderRecordsStayWithinGraceAndLateOnesAreFarBehind() {
        LoadGenerator generator = new LoadGenerator(small().events(200_000).outOfOrderFraction(0.01)
                .lateFraction(0.005).build());
        long newest = 0L;
        int outOfOrder = 0;
        int late = 0;
        for (Iterator<GeneratedRecord> it = generator.iterator(); it.hasNext(); ) {
            GeneratedRecord record = it.next();
            switch (record.timing()) {
                case IN_ORDER -> {
                    if (!record.isBad()) {
                        assertThat(record.eventTimeMillis()).isGreaterThanOrEqualTo(newest - 1);
                    }
                }
                case OUT_OF_ORDER -> {
                    outOfOrder++;
                    assertThat(newest - record.eventTimeMillis()).isBetween(0L, 4_000L);
                }
                case LATE -> {
                    late++;
                    assertThat(newest - record.eventTimeMillis()).isGreaterThan(60_000L);
                }
            }
            if (record.timing() == GeneratedRecord.Timing.IN_ORDER) {
                newest = Math.max(newest, record.eventTimeMillis());
            }
        }
        assertThat(outOfOrder).isEqualTo(generator.report().outOfOrderRecords()).isGreaterThan(500);
        assertThat(late).isEqualTo(generator.report().lateRecords()).isGreaterThan(200);
    }

    @Test
    void millionsOfRecordsIterateInFlatMemory() {
        Runtime runtime = Runtime.getRuntime();
        Iterator<GeneratedRecord> records = new LoadGenerator(GeneratorConfig.builder().seed(3).users(50_000)
                .products(5_000).events(0).eventsPerSecond(500).build()).iterator();
        skip(records, 300_000);
        long early = usedAfterGc(runtime);
        skip(records, 2_700_000);
        long late = usedAfterGc(runtime);

        assertThat(late - early).as("heap growth over 2.7M records").isLessThan(24L * 1024 * 1024);
    }

    @Test
    void aGeneratorIsASinglePass() {
        LoadGenerator generator = new LoadGenerator(small().build());
        generator.iterator();

        assertThatThrownBy(generator::iterator).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nonsenseConfigurationIsRejectedWithTheReason() {
        assertThatThrownBy(() -> small().badFraction(1.5).build()).hasMessageContaining("bad fraction");
        assertThatThrownBy(() -> small().eventsPerSecond(0).build()).hasMessageContaining("events per second");
        assertThatThrownBy(() -> small().lateBy(Duration.ofSeconds(6)).build()).hasMessageContaining("late-by");
    }

    private static boolean rejected(GeneratedRecord record) {
        EventParser<?> parser = record.topic().equals(Topics.USER_EVENTS.name())
                ? EventParser.users(java.time.Clock.systemUTC(), Duration.ofHours(1))
                : EventParser.products(java.time.Clock.systemUTC(), Duration.ofHours(1));
        try {
            String key = EventParser.keyDeserializer().deserialize(record.topic(), record.key());
            Event event = parser.parse(record.value());
            @SuppressWarnings({"unchecked", "rawtypes"})
            EventParser<Event> typed = (EventParser) parser;
            typed.checkKey(key, event);
            return false;
        } catch (InvalidRecordException expected) {
            return true;
        }
    }

    private static List<String> fingerprints(LoadGenerator generator, int count) {
        return generator.stream().limit(count)
                .map(r -> r.topic() + "|" + (r.key() == null ? "-" : new String(r.key(), StandardCharsets.UTF_8))
                        + "|" + new String(r.value(), StandardCharsets.UTF_8))
                .toList();
    }

    private static void skip(Iterator<GeneratedRecord> records, int count) {
        for (int i = 0; i < count; i++) {
            records.next();
        }
    }

    private static long usedAfterGc(Runtime runtime) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
