package com.example.analytics.launcher.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.launcher.view.PrometheusText.Series;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void readsNamesLabelsAndValuesAndSkipsComments() {
        List<Series> series = PrometheusText.parse("""
                # HELP analytics_actions_total Actions published to real_time_actions
                # TYPE analytics_actions_total counter
                analytics_actions_total{action_type="potential_fraud",rule="excessive_activity",service="fraud"} 3.0

                process_uptime_seconds 12.5
                kafka_consumer_fetch_manager_records_lag{partition="0",topic="user_events",} NaN 1732450000000
                """);

        assertThat(series).containsExactly(
                new Series("analytics_actions_total", Map.of("action_type", "potential_fraud",
                        "rule", "excessive_activity", "service", "fraud"), 3.0),
                new Series("process_uptime_seconds", Map.of(), 12.5),
                new Series("kafka_consumer_fetch_manager_records_lag", Map.of("partition", "0",
                        "topic", "user_events"), Double.NaN));
        assertThat(series.get(0).label("rule")).isEqualTo("excessive_activity");
        assertThat(series.get(1).label("rule")).isEmpty();
    }

    @Test
    void labelValuesKeepEscapedQuotesCommasAndBracesAndInfinities() {
        Series series = PrometheusText.parse("""
                analytics_dlq_records_total{reason="value \\"x\\", {not} JSON\\\\",source_topic="user_events"} +Inf
                """).get(0);

        assertThat(series.labels()).containsEntry("reason", "value \"x\", {not} JSON\\")
                .containsEntry("source_topic", "user_events");
        assertThat(series.value()).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void aLineThatIsNotASampleIsNamed() {
        assertThatThrownBy(() -> PrometheusText.parse("analytics_actions_total{rule=\"x\" 1.0"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("analytics_actions_total{rule");
        assertThatThrownBy(() -> PrometheusText.parse("analytics_actions_total many"))
                .hasMessageContaining("not a Prometheus sample line: analytics_actions_total many");
    }
}
