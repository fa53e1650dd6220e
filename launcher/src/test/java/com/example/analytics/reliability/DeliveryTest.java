package com.example.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.loadgen.InjectionReport;
import com.example.analytics.model.ProductEvent;
import com.example.analytics.model.SalesSummary;
import com.example.analytics.model.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The checker of the reliability tests must be able to fail: each kind of wrong delivery is reported. */
class DeliveryTest {

    private static final long START_MS = 1_762_074_000_000L; // 2025-11-02T09:00:00Z, a Sunday

    private final Expected expected = new Expected();
    private String trendingId;
    private SalesSummary summary;

    @BeforeEach
    void oneProductTrendsAndOneStoreSells() {
        for (int i = 0; i < 101; i++) {
            expected.add(product("product_1", "product_view", START_MS + i * 1000L, Map.of("user_id", "user_" + i)));
        }
        expected.add(product("product_2", "purchase", START_MS + 500, Map.of("amount", 150.5, "store_id", "store_1")));
        expected.add(product("product_3", "purchase", START_MS + 700, Map.of("amount", 99.0, "store_id", "store_1")));
        expected.complete(new InjectionReport());
        trendingId = "product-analytics:trending_product:product_1:" + (START_MS + 100_000);
        summary = new SalesSummary("store_1", START_MS / 1000.0, START_MS / 1000.0 + 60, 150.5, 1, 150.5, 1);
    }

    @Test
    void theExpectationStatesTheRules() {
        assertThat(expected.actionIds()).contains(trendingId)
                .noneMatch(id -> id.startsWith("product-analytics:trending_product:product_1:" + (START_MS + 99_000)));
        assertThat(expected.sales()).hasSize(1);
        assertThat(expected.totalViews("product_1")).isEqualTo(101);
        assertThat(expected.uniqueViewers("product_1")).isEqualTo(101);
    }

    @Test
    void anExactDeliveryIsExact() {
        Delivery.Report report = new Delivery(new ArrayList<>(expected.actionIds()), List.of(summary))
                .compareWith(expected);
        assertThat(report.exact()).as(report.toString()).isTrue();
        assertThat(report.duplicates()).isZero();
    }

    @Test
    void aDuplicateAMissingAndAnUnexpectedActionAreReported() {
        List<String> actions = new ArrayList<>(expected.actionIds());
        actions.add(trendingId);
        Delivery.Report doubled = new Delivery(actions, List.of(summary)).compareWith(expected);
        assertThat(doubled.duplicates()).isEqualTo(1);
        assertThat(doubled.exact()).isFalse();

        List<String> wrong = new ArrayList<>(expected.actionIds());
        wrong.remove(trendingId);
        wrong.add("product-analytics:trending_product:product_9:1");
        Delivery.Report report = new Delivery(wrong, List.of(summary)).compareWith(expected);
        assertThat(report.missingActions()).containsExactly(trendingId);
        assertThat(report.unexpectedActions()).containsExactly("product-analytics:trending_product:product_9:1");
        assertThat(report.complete()).isFalse();
    }

    @Test
    void aDoubledOrWrongSummaryIsReported() {
        List<String> actions = new ArrayList<>(expected.actionIds());
        assertThat(new Delivery(actions, List.of(summary, summary)).compareWith(expected).duplicates()).isEqualTo(1);

        SalesSummary short1 = new SalesSummary("store_1", START_MS / 1000.0, START_MS / 1000.0 + 60, 150.0, 1, 150.0, 1);
        Delivery.Report report = new Delivery(actions, List.of(short1)).compareWith(expected);
        assertThat(report.wrongSummaries()).hasSize(1);
        assertThat(report.exact()).isFalse();
        assertThat(new Delivery(actions, List.of()).compareWith(expected).missingSummaries()).hasSize(1);
    }

    private static GeneratedRecord product(String productId, String type, long timeMs, Map<String, Object> data) {
        ProductEvent event = new ProductEvent(productId, type, timeMs / 1000.0, data, null);
        return new GeneratedRecord(Topics.PRODUCT_EVENTS.name(), productId.getBytes(), new byte[0], timeMs, event, null,
                GeneratedRecord.Timing.IN_ORDER, null, productId);
    }
}
