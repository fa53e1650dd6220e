package com.example.analytics.product.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.model.Action;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.product.ProductProperties;
import com.example.analytics.product.query.ProductQueries;
import com.example.analytics.product.query.ProductQueries.ProductView;
import com.example.analytics.model.json.JsonSerde;
import com.example.analytics.support.progress.SourceProgress;
import com.example.analytics.support.query.StoreAccess;
import com.example.analytics.support.streams.StateStores;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.test.RecordingMetrics;
import com.example.analytics.support.test.TopologyDrivers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProductTopologyTest {

    /** A Saturday, 09:00 UTC; minute-aligned so sales windows are easy to name. */
    private static final long T0 = Instant.parse("2026-11-21T09:00:00Z").getEpochSecond();
    private static final String SERVICE = "product-analytics-service";
    /** A source task the driver does not run. */
    private static final String SLOWER_TASK = "0_4";

    private final RecordingMetrics metrics = new RecordingMetrics();
    private final StreamTime streamTime = new StreamTime();
    private final TopologyEnvironment env = new TopologyEnvironment(SERVICE,
            Clock.fixed(Instant.ofEpochSecond(T0 + 86_400), ZoneOffset.UTC), Duration.ofSeconds(5),
            Duration.ofDays(30), metrics, streamTime);
    private final ProductProperties properties = ProductProperties.defaults();
    private final ProductQueries queries = new ProductQueries(properties, streamTime);
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> input;
    private TestOutputTopic<String, Action> actions;
    private TestOutputTopic<String, SalesSummary> summaries;
    private TestOutputTopic<byte[], byte[]> dlq;

    @BeforeEach
    void start() {
        start(StateStores.ROCKSDB);
    }

    /** The tests that take a {@link StateStores} run on both kinds; the others on RocksDB, as deployed. */
    private void restartWith(StateStores stores) {
        stop();
        start(stores);
    }

    private void start(StateStores stores) {
        driver = TopologyDrivers.driver(ProductTopology.build(properties, env.withStateStores(stores)), SERVICE,
                new TopologyDrivers.CapturingPublisher());
        input = driver.createInputTopic(Topics.PRODUCT_EVENTS.name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        actions = driver.createOutputTopic(Topics.REAL_TIME_ACTIONS.name(),
                Topics.REAL_TIME_ACTIONS.keySerde().deserializer(), Topics.REAL_TIME_ACTIONS.valueSerde().deserializer());
        summaries = driver.createOutputTopic(Topics.SALES_SUMMARIES.name(),
                Topics.SALES_SUMMARIES.keySerde().deserializer(), Topics.SALES_SUMMARIES.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.ANALYTICS_DLQ.name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Nested
    class Trending {

        @Test
        void hundredViewsInAnHourAreNotTrendingTheHundredAndFirstIs() {
            for (int i = 0; i < 100; i++) {
                view("p1", "u" + i, T0 + i * 30);
            }
            assertThat(actions.isEmpty()).isTrue();

            view("p1", "u100", T0 + 3000.5);

            List<Action> fired = actions.readValuesToList();
            assertThat(fired).singleElement().satisfies(action -> {
                assertThat(action.actionType()).isEqualTo("trending_product");
                assertThat(action.subject()).isEqualTo("p1");
                assertThat(action.timestamp()).isEqualTo(T0 + 3000.5);
                assertThat(action.data()).containsEntry("product_id", "p1").containsEntry("hourly_views", 101)
                        .containsEntry("total_views", 101);
            });
            assertThat(metrics.actions("trending_product")).isEqualTo(1);
        }

        @Test
        void aViewExactly3600SecondsOldHasLeftTheWindow() {
            view("p1", "first", T0);
            for (int i = 1; i <= 99; i++) {
                view("p1", "u" + i, T0 + 10 + i);
            }
            view("p1", "last", T0 + 3600);
            assertThat(actions.isEmpty()).as("the view at T0 left: 100 in (t-3600, t]").isTrue();
            assertThat(product("p1").viewsLastHour()).isEqualTo(100);
        }

        @Test
        void aViewJustUnder3600SecondsOldStillCounts() {
            view("p1", "first", T0);
            for (int i = 1; i <= 99; i++) {
                view("p1", "u" + i, T0 + 10 + i);
            }
            view("p1", "last", T0 + 3599.9);
            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.data()).containsEntry("hourly_views", 101));
        }

        @Test
        void firesOnceWhileAboveAndAgainOnlyAfterFallingBelow() {
            for (int i = 0; i < 150; i++) {
                view("p1", "u" + i, T0 + i);
            }
            assertThat(actions.readValuesToList()).hasSize(1);
            assertThat(product("p1").trending()).isTrue();

            view("p1", "quiet", T0 + 150 + 3600);
            assertThat(product("p1").trending()).isFalse();
            assertThat(product("p1").viewsLastHour()).isEqualTo(1);
            assertThat(actions.isEmpty()).isTrue();

            for (int i = 0; i < 100; i++) {
                view("p1", "again" + i, T0 + 3751 + i);
            }
            List<Action> fired = actions.readValuesToList();
            assertThat(fired).singleElement().satisfies(action -> {
                assertThat(action.data()).containsEntry("hourly_views", 101).containsEntry("total_views", 251);
                assertThat(action.timestamp()).isEqualTo(T0 + 3850.0);
            });
        }

        @Test
        void anOutOfOrderViewWithinGraceIsCountedAtItsOwnTime() {
            for (int i = 0; i < 100; i++) {
                view("p1", "u" + i, T0 + 1);
            }
            event("p1", "add_to_cart", T0 + 10, "\"user_id\":\"u1\"");
            view("p1", "early", T0 + 6);

            assertThat(actions.readValuesToList()).singleElement()
                    .satisfies(action -> assertThat(action.timestamp()).isEqualTo(T0 + 6.0));
            assertThat(metrics.late()).isZero();
        }

        @Test
        void anOutOfOrderViewCountsTheOldViewsOfItsOwnWindowThatTheNewestWindowLeftBehind() {
            view("p1", "old1", T0 + 3);
            view("p1", "old2", T0 + 3.5);
            for (int i = 0; i < 98; i++) {
                view("p1", "u" + i, T0 + 100 + i);
            }
            view("p1", "newest", T0 + 3605);
            assertThat(actions.isEmpty()).as("never more than 100 views so far").isTrue();

            view("p1", "late-but-within-grace", T0 + 3601);

            assertThat(actions.readValuesToList()).as("(T0+1, T0+3601] holds 101 views").singleElement()
                    .satisfies(action -> {
                        assertThat(action.data()).containsEntry("hourly_views", 101);
                        assertThat(action.timestamp()).isEqualTo(T0 + 3601.0);
                    });
        }

        /**
         * Views arrive with gaps of seconds, a minute or an hour, some out of order within grace, at a rate that
         * keeps crossing the threshold; every trending action and the final trailing-window views must equal a
         * brute-force count over all views.
         */
        @ParameterizedTest
        @EnumSource(StateStores.class)
        void trailingWindowViewsEqualABruteForceCountWhateverTheGapsAndDisorder(StateStores stores) {
            restartWith(stores);
            SplittableRandom random = new SplittableRandom(42);
            List<String> products = List.of("p1", "p2", "p3");
            Map<String, List<Long>> viewsMillis = new HashMap<>();
            Map<String, Boolean> above = new HashMap<>();
            List<String> expected = new ArrayList<>();
            long newest = T0 * 1000;
            for (int i = 0; i < 1200; i++) {
                long step = switch (random.nextInt(100)) {
                    case 0 -> 3_600_000L + random.nextLong(120_000);
                    case 1, 2 -> 55_000 + random.nextLong(10_000);
                    // About 100 views per product and hour: the count keeps crossing the threshold both ways.
                    default -> random.nextLong(24_000);
                };
                newest += step;
                // Within grace (5 s) of stream time, so never late.
                long at = newest - (random.nextInt(10) == 0 ? random.nextLong(5_000) : 0);
                String product = products.get(random.nextInt(products.size()));
                List<Long> views = viewsMillis.computeIfAbsent(product, p -> new ArrayList<>());
                views.add(at);
                long hourly = inHourEndingAt(views, at / 1000);
                boolean isAbove = hourly > 100;
                if (isAbove && !above.getOrDefault(product, false)) {
                    expected.add(product + "@" + at + "=" + hourly);
                }
                above.put(product, isAbove);
                view(product, "u" + i, at / 1000.0);
            }

            assertThat(actions.readValuesToList()).extracting(action -> action.subject() + "@"
                    + Math.round(action.timestamp() * 1000) + "=" + action.data().get("hourly_views"))
                    .isNotEmpty().containsExactlyElementsOf(expected);
            long nowSecond = streamTime.millis().orElseThrow() / 1000;
            for (String product : products) {
                assertThat(product(product).viewsLastHour()).as(product)
                        .isEqualTo(inHourEndingAt(viewsMillis.get(product), nowSecond));
            }
            assertThat(metrics.late()).isZero();
        }

        private static long inHourEndingAt(List<Long> viewsMillis, long second) {
            return viewsMillis.stream().filter(at -> at / 1000 > second - 3600 && at / 1000 <= second).count();
        }
    }

    @Nested
    class Metrics {

        @Test
        void uniqueUsersAreExactAndRepeatsDoNotCount() {
            view("p1", "u1", T0);
            view("p1", "u2", T0 + 1);
            view("p1", "u1", T0 + 2);
            view("p1", "u3", T0 + 3);
            send("p1", "{\"product_id\":\"p1\",\"event_type\":\"product_view\",\"timestamp\":%d,\"data\":{}}"
                    .formatted(T0 + 4));
            view("p2", "u1", T0 + 5);

            ProductView p1 = product("p1");
            assertThat(p1.totalViews()).isEqualTo(5);
            assertThat(p1.uniqueUsers()).isEqualTo(3);
            assertThat(product("p2").uniqueUsers()).isEqualTo(1);
        }

        @Test
        void conversionIsPurchasesOverViewsAndZeroWithoutViews() {
            for (int i = 0; i < 4; i++) {
                view("p1", "u" + i, T0 + i);
            }
            event("p1", "add_to_cart", T0 + 5, "\"user_id\":\"u1\"");
            purchase("p1", T0 + 6, 20, "s1");
            purchase("p2", T0 + 7, 20, "s1");

            ProductView p1 = product("p1");
            assertThat(p1.purchases()).isEqualTo(1);
            assertThat(p1.addToCart()).isEqualTo(1);
            assertThat(p1.conversionRate()).isEqualTo(0.25);
            assertThat(product("p2").conversionRate()).isZero();
            assertThat(product("p2").purchases()).isEqualTo(1);
        }

        @Test
        void unknownProductsAreNotFoundAndOtherEventTypesAreValidButNotStored() {
            event("p9", "share", T0, "\"user_id\":\"u1\"");
            assertThat(queries.product().reader().read(stores(), "p9", Map.of())).isEmpty();
            assertThat(dlq.isEmpty()).isTrue();
        }

        @Test
        void aBadRecordGoesToTheDlqAndTheNextOneCounts() {
            send("p1", "{\"product_id\":\"p1\",\"event_type\":\"product_view\",\"timestamp\":\"soon\"}");
            view("p1", "u1", T0);

            assertThat(dlq.readRecordsToList()).singleElement().satisfies(record -> {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains("soon");
                assertThat(new String(record.headers().lastHeader("dlq.source.topic").value(),
                        StandardCharsets.UTF_8)).isEqualTo(Topics.PRODUCT_EVENTS.name());
            });
            assertThat(product("p1").totalViews()).isEqualTo(1);
        }

        @Test
        void viewsBeyondGraceAreCountedAsLateAndChangeNothing() {
            view("p1", "u1", T0 + 100);
            view("p1", "u2", T0 + 94);

            assertThat(metrics.late()).isEqualTo(1);
            assertThat(product("p1").totalViews()).isEqualTo(1);
        }

        @Test
        void productsViewedCountsEachViewedProductOnce() {
            view("p1", "u1", T0);
            view("p1", "u2", T0 + 1);
            view("p2", "u1", T0 + 2);
            purchase("p3", T0 + 3, 10, "s1");

            assertThat(queries.count().reader().read(stores(), Map.of()).totalProductsViewed()).isEqualTo(2);
        }
    }

    @Nested
    class Top {

        @ParameterizedTest
        @EnumSource(StateStores.class)
        void theIndexedTopNEqualsABruteForceRankingIncludingProductsThatAgedOut(StateStores stores) {
            restartWith(stores);
            SplittableRandom random = new SplittableRandom(5);
            Map<String, List<Long>> viewTimes = new HashMap<>();
            long time = T0;
            for (int i = 0; i < 1_500; i++) {
                // Early on a few products are hot; later others take over, so the early ones age out of the hour.
                String product = time < T0 + 2000
                        ? "early" + random.nextInt(5)
                        : "p" + (int) Math.floor(Math.pow(random.nextDouble(), 3) * 80);
                time += random.nextInt(9);
                view(product, "u" + random.nextInt(1000), time);
                viewTimes.computeIfAbsent(product, p -> new ArrayList<>()).add(time);
            }
            long now = time;
            List<TopProducts.Ranked> expected = viewTimes.entrySet().stream()
                    .map(e -> new TopProducts.Ranked(e.getKey(),
                            e.getValue().stream().filter(t -> t > now - 3600 && t <= now).count()))
                    .filter(r -> r.hourlyViews() > 0)
                    .sorted(Comparator.comparingLong(TopProducts.Ranked::hourlyViews).reversed()
                            .thenComparing(TopProducts.Ranked::productId))
                    .toList();

            for (int limit : new int[] {1, 3, 10, 50, 1000}) {
                TopProducts top = queries.top().reader().read(stores(), Map.of(ProductQueries.LIMIT, "" + limit));
                assertThat(top.topProductsHourly()).as("limit " + limit)
                        .isEqualTo(expected.subList(0, Math.min(limit, expected.size())));
            }
            assertThat(expected.stream().map(TopProducts.Ranked::productId)).noneMatch(p -> p.startsWith("early"));
        }

        @Test
        void mergingPartialTopsKeepsTheBestAcrossPartitions() {
            TopProducts a = new TopProducts(List.of(new TopProducts.Ranked("a1", 9), new TopProducts.Ranked("a2", 3)));
            TopProducts b = new TopProducts(List.of(new TopProducts.Ranked("b1", 5), new TopProducts.Ranked("b2", 3)));

            assertThat(TopProducts.merge(List.of(a, b), 3).topProductsHourly()).extracting(TopProducts.Ranked::productId)
                    .containsExactly("a1", "b1", "a2");
            assertThat(TopProducts.merge(List.of(), 3).topProductsHourly()).isEmpty();
        }
    }

    @Nested
    class Sales {

        @Test
        void onlyPurchasesAbove100AreSummarisedPerStoreAndMinute() {
            purchase("p1", T0 + 1, 100, "s1");
            purchase("p1", T0 + 2, 100.01, "s1");
            purchase("p2", T0 + 3, 250.5, "s1");
            purchase("p3", T0 + 4, 500, "s2");
            purchase("p3", T0 + 59.999, 120, null);
            purchase("p4", T0 + 66, 101, "s1");
            reportProgress();

            assertThat(summaries.readKeyValuesToMap()).isEqualTo(Map.of(
                    "s1", new SalesSummary("s1", T0, T0 + 60, 350.51, 2, 175.255, 2),
                    "s2", new SalesSummary("s2", T0, T0 + 60, 500, 1, 500, 1),
                    "default", new SalesSummary("default", T0, T0 + 60, 120, 1, 120, 1)));
        }

        @Test
        void aPurchaseAtTheWindowEndBelongsToTheNextWindow() {
            purchase("p1", T0 + 59.999, 200, "s1");
            purchase("p1", T0 + 60, 300, "s1");
            purchase("p1", T0 + 185, 101, "s9");
            reportProgress();

            assertThat(summaries.readValuesToList()).extracting(SalesSummary::windowStart, SalesSummary::totalAmount)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple((double) T0, 200.0),
                            org.assertj.core.groups.Tuple.tuple((double) T0 + 60, 300.0));
        }

        @ParameterizedTest
        @EnumSource(StateStores.class)
        void withinGraceCountsBeyondGraceIsLateAndEachWindowIsSummarisedOnce(StateStores stores) {
            restartWith(stores);
            purchase("p1", T0 + 30, 200, "s1");
            purchase("p1", T0 + 64, 300, "s1");
            purchase("p1", T0 + 59, 150, "s1");
            reportProgress();
            assertThat(summaries.isEmpty()).as("window [0,60) closes at 65").isTrue();

            purchase("p1", T0 + 65, 400, "s1");
            purchase("p1", T0 + 62, 110, "s1");
            purchase("p1", T0 + 58, 999, "s1");
            reportProgress();

            assertThat(metrics.late()).as("the purchase beyond grace").isEqualTo(1);
            List<SalesSummary> first = summaries.readValuesToList();
            assertThat(first).singleElement().satisfies(summary -> {
                assertThat(summary.windowStart()).isEqualTo((double) T0);
                assertThat(summary.totalAmount()).isEqualTo(350.0);
                assertThat(summary.transactionCount()).isEqualTo(2);
            });

            purchase("p1", T0 + 130, 101, "s1");
            reportProgress();
            assertThat(summaries.readValuesToList()).singleElement().satisfies(summary -> {
                assertThat(summary.windowStart()).isEqualTo((double) T0 + 60);
                assertThat(summary.totalAmount()).isEqualTo(810.0);
                assertThat(summary.transactionCount()).isEqualTo(3);
            });
        }

        @Test
        void theLastWindowIsEmittedOnTheWallClockOnceTheSourceIsIdle() {
            purchase("p1", T0 + 10, 200, "s1");
            reportProgress();
            driver.advanceWallClockTime(Duration.ofSeconds(30));
            assertThat(summaries.isEmpty()).as("idle, but only 30 s after the purchase at 10 s").isTrue();

            driver.advanceWallClockTime(Duration.ofSeconds(36));

            assertThat(summaries.readValuesToList()).singleElement()
                    .satisfies(summary -> assertThat(summary.totalAmount()).isEqualTo(200.0));
            driver.advanceWallClockTime(Duration.ofMinutes(5));
            assertThat(summaries.isEmpty()).isTrue();

            purchase("p1", T0 + 20, 300, "s1");
            reportProgress();
            assertThat(metrics.lateFrom(SalesWindowProcessor.LATE_SALES)).as("its window was already emitted")
                    .isEqualTo(1);
            assertThat(summaries.isEmpty()).isTrue();
        }

        @Test
        void aWindowWaitsForASlowerSourcePartitionAndCountsEachPurchaseOnce() {
            TestInputTopic<String, SalesUpdate> slower = otherSourceTask();
            slower.pipeInput("s1", sale("s1", T0 + 4, 150), (T0 + 4) * 1000);
            progress(slower, T0 + 5, false);
            purchase("p1", T0 + 10, 200, "s1");
            purchase("p1", T0 + 200, 300, "s1");
            reportProgress();
            driver.advanceWallClockTime(Duration.ofMinutes(10));
            assertThat(summaries.isEmpty()).as("the slower source is behind, not idle: waited for").isTrue();

            // What a catching-up partition still has for [0,60) long after this task's stream time passed 200 s.
            slower.pipeInput("s1", sale("s1", T0 + 30, 250), (T0 + 30) * 1000);
            progress(slower, T0 + 70, false);
            reportProgress();

            assertThat(summaries.readValuesToList()).singleElement().isEqualTo(
                    new SalesSummary("s1", T0, T0 + 60, 600, 3, 200, 3));
            progress(slower, T0 + 170, false);
            reportProgress();
            assertThat(summaries.isEmpty()).as("[180,240) waits for the slower source too").isTrue();
            assertThat(metrics.late()).isZero();
        }

        @Test
        void anIdleSourcePartitionIsLeftOutAfterTheTimeoutAndWhatItSendsLaterIsLate() {
            TestInputTopic<String, SalesUpdate> quiet = otherSourceTask();
            progress(quiet, T0 + 2, true);
            purchase("p1", T0 + 10, 200, "s1");
            purchase("p1", T0 + 70, 300, "s1");
            reportProgress();
            assertThat(summaries.isEmpty()).as("an idle source is waited for up to the timeout").isTrue();

            driver.advanceWallClockTime(properties.sales().idleSourceTimeout());
            assertThat(summaries.readValuesToList()).singleElement()
                    .satisfies(summary -> assertThat(summary.totalAmount()).isEqualTo(200.0));

            quiet.pipeInput("s1", sale("s1", T0 + 30, 250), (T0 + 30) * 1000);
            reportProgress();
            assertThat(metrics.lateFrom(SalesWindowProcessor.LATE_SALES)).isEqualTo(1);
            assertThat(summaries.isEmpty()).as("no second summary of [0,60)").isTrue();
        }

        @Test
        void weekdayPurchasesAreNotWeekendTransactions() {
            long monday = Instant.parse("2026-11-23T14:00:00Z").getEpochSecond();
            purchase("p1", monday, 200, "s1");
            purchase("p1", monday + 70, 200, "s1");
            reportProgress();

            assertThat(summaries.readValuesToList()).singleElement()
                    .satisfies(summary -> assertThat(summary.weekendTransactions()).isZero());
        }

        @Test
        void closedSummariesAreQueryablePerStoreAndRange() {
            purchase("p1", T0 + 10, 200, "s1");
            purchase("p1", T0 + 70, 300, "s1");
            purchase("p1", T0 + 130, 400, "s1");
            reportProgress();

            var sales = queries.sales().reader().read(stores(), "s1",
                    ProductQueries.salesParams((T0 + 60) * 1000, (T0 + 3600) * 1000)).orElseThrow();
            assertThat(sales.summaries()).extracting(SalesSummary::totalAmount).containsExactly(300.0);
            assertThat(queries.sales().reader().read(stores(), "s1",
                    ProductQueries.salesParams(0, T0 * 1000)).orElseThrow().summaries()).hasSize(1);
            assertThat(queries.sales().reader().read(stores(), "nowhere",
                    ProductQueries.salesParams(0, Long.MAX_VALUE / 2))).isEmpty();
        }
    }

    /** Lets the source task tell the windows how far it is done. */
    private void reportProgress() {
        driver.advanceWallClockTime(properties.sales().progressInterval());
    }

    /**
     * A second source task of {@code product_events}, which the driver (one task per sub-topology) cannot run: its
     * sales and progress are written to the re-key topic as that task would write them.
     */
    private TestInputTopic<String, SalesUpdate> otherSourceTask() {
        return driver.createInputTopic(SERVICE + "-test-sales-by-store-repartition", new StringSerializer(),
                JsonSerde.of(SalesUpdate.class).serializer());
    }

    private static Sale sale(String storeId, long epochSecond, double amount) {
        return new Sale(storeId, "p9", Math.round(amount * 1_000_000), epochSecond * 1000, true, 9);
    }

    /** The other source task's progress: done through the millisecond before {@code epochSecond}. */
    private static void progress(TestInputTopic<String, SalesUpdate> source, long epochSecond, boolean idle) {
        long doneThrough = epochSecond * 1000 - 1;
        source.pipeInput(SLOWER_TASK, new SalesUpdate.Progress(new SourceProgress(SLOWER_TASK, doneThrough, idle)),
                doneThrough);
    }

    private ProductView product(String productId) {
        return queries.product().reader().read(stores(), productId, Map.of()).orElseThrow();
    }

    private StoreAccess stores() {
        return new StoreAccess() {
            @Override
            @SuppressWarnings("unchecked")
            public <S> S store(String storeName, QueryableStoreType<S> type) {
                return (S) (type instanceof QueryableStoreTypes.WindowStoreType<?, ?>
                        ? driver.getWindowStore(storeName) : driver.getKeyValueStore(storeName));
            }
        };
    }

    private void view(String productId, String userId, double timestamp) {
        event(productId, "product_view", timestamp, "\"user_id\":\"" + userId + "\"");
    }

    private void purchase(String productId, double timestamp, double amount, String storeId) {
        event(productId, "purchase", timestamp, "\"user_id\":\"buyer\",\"amount\":" + amount
                + (storeId == null ? "" : ",\"store_id\":\"" + storeId + "\""));
    }

    private void event(String productId, String type, double timestamp, String data) {
        send(productId, String.format(Locale.ROOT,
                "{\"product_id\":\"%s\",\"event_type\":\"%s\",\"timestamp\":%.3f,\"data\":{%s}}",
                productId, type, timestamp, data));
    }

    private void send(String key, String value) {
        input.pipeInput(key.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8));
    }
}
