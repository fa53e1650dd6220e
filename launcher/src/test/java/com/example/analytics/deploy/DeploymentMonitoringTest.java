package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.internals.StreamThread;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus scrapes every service where it publishes its metrics and loads the alerts, and the Grafana dashboard
 * asks for series the services really expose ({@link ScrapedMetrics}) with labels they really carry.
 */
class DeploymentMonitoringTest {

    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
    private static final Map<String, Object> DASHBOARD = readDashboard();

    @Test
    void prometheusScrapesEveryServiceWhereItPublishesItsMetricsAndLoadsTheAlerts() {
        Map<String, Object> config = RepositoryFiles.yaml("deploy/prometheus/prometheus.yml");
        List<Object> jobs = Tree.list(config.get("scrape_configs"));
        assertThat(jobs).hasSize(1);
        Map<String, Object> job = Tree.map(jobs.get(0));
        assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
        assertThat(RepositoryFiles.streamsSupportDefaults().getProperty("management.endpoints.web.exposure.include"))
                .contains("prometheus");
        List<Object> targets = Tree.list(Tree.map(Tree.list(job.get("static_configs")).get(0)).get("targets"));
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                ServiceModule.all().stream().map(service -> service.name() + ":" + service.port()).toList());
        assertThat(mounts("prometheus")).containsEntry("./deploy/prometheus/prometheus.yml",
                "/etc/prometheus/prometheus.yml");

        // Rule files are found relative to the configuration file; the alerts are mounted beside it.
        assertThat(Tree.list(config.get("rule_files"))).containsExactly("alerts.yml");
        assertThat(mounts("prometheus")).containsEntry("./deploy/prometheus/alerts.yml", "/etc/prometheus/alerts.yml");
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDatasourceAndTheDashboard() {
        Map<String, Object> datasource = Tree.map(Tree.list(RepositoryFiles
                .yaml("deploy/grafana/provisioning/datasources/prometheus.yml").get("datasources")).get(0));
        assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
        assertThat(Tree.list(Tree.at(COMPOSE, "services", "prometheus", "ports"))).contains("9090:9090");
        String uid = (String) datasource.get("uid");
        assertThat(datasources(DASHBOARD)).isNotEmpty().allSatisfy(used -> assertThat(used).isEqualTo(uid));

        Map<String, String> mounts = mounts("grafana");
        String provider = Tree.stringAt(Tree.map(Tree.list(RepositoryFiles
                .yaml("deploy/grafana/provisioning/dashboards/realtime-analytics.yml").get("providers")).get(0)),
                "options", "path");
        assertThat(mounts).containsEntry("./deploy/grafana/dashboards", provider)
                .containsEntry("./deploy/grafana/provisioning", "/etc/grafana/provisioning");
        assertThat(Tree.stringAt(COMPOSE, "services", "grafana", "environment",
                "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH")).isEqualTo(provider + "/realtime-analytics.json");
    }

    @Test
    void theDashboardQueriesOnlySeriesAndLabelsTheServicesExpose() {
        ScrapedMetrics scraped = ScrapedMetrics.recorded();
        List<String> expressions = expressions();
        assertThat(expressions).isNotEmpty();
        expressions.forEach(scraped::assertQueriesOnlyPublishedSeries);
    }

    @Test
    void theDashboardShowsWhatTheIssueAsksFor() {
        String all = String.join("\n", expressions());
        assertThat(all).as("events/s per service").contains("kafka_stream_topic_records_consumed_total");
        assertThat(all).as("actions/s per type").contains("analytics_actions_total").contains("action_type");
        assertThat(all).as("DLQ rate").contains("analytics_dlq_records_total");
        assertThat(all).as("late records").contains("analytics_late_records_total");
        assertThat(all).as("end-to-end latency").contains("record_e2e_latency");
        assertThat(all).as("consumer lag").contains("kafka_consumer_fetch_manager_records_lag{");
        assertThat(all).as("stream thread state").contains("kafka_stream_thread_thread_state");
        assertThat(all).as("stream threads replaced").contains("analytics_stream_threads_replaced_total{");
        assertThat(all).as("rebalances").contains("kafka_consumer_coordinator_rebalance_total{");
        assertThat(all).as("REST latency").contains("histogram_quantile(0.99")
                .contains("http_server_requests_seconds_bucket{");
        assertThat(all).as("REST errors").contains("outcome=~\"CLIENT_ERROR|SERVER_ERROR\"");
        assertThat(all).as("JVM memory").contains("jvm_memory_used_bytes{");
    }

    @Test
    void stateTimelinesNameTheStatesAsKafkaStreamsNumbersThem() {
        Map<String, List<String>> expected = Map.of(
                "kafka_stream_thread_thread_state", Arrays.stream(StreamThread.State.values()).map(Enum::name).toList(),
                "kafka_stream_client_state", Arrays.stream(KafkaStreams.State.values()).map(Enum::name).toList());
        for (Map<String, Object> panel : panels()) {
            if (!"state-timeline".equals(panel.get("type"))) {
                continue;
            }
            String expression = (String) Tree.map(Tree.list(panel.get("targets")).get(0)).get("expr");
            String metric = expression.substring(0, expression.indexOf('{'));
            assertThat(expected).as("a state metric").containsKey(metric);
            Map<String, Object> mapping = Tree.mapAt(Tree.map(Tree.list(
                    Tree.at(panel, "fieldConfig", "defaults", "mappings")).get(0)), "options");
            Map<Integer, String> names = new TreeMap<>();
            mapping.forEach((value, text) -> names.put(Integer.valueOf(value), (String) Tree.map(text).get("text")));
            assertThat(names.values()).as(metric).containsExactlyElementsOf(expected.get(metric));
            assertThat(names.keySet()).as(metric).first().isEqualTo(0);
        }
    }

    private static List<Map<String, Object>> panels() {
        return Tree.list(DASHBOARD.get("panels")).stream().map(Tree::map).toList();
    }

    private static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            Tree.list(panel.get("targets")).forEach(target -> expressions.add((String) Tree.map(target).get("expr")));
        }
        return expressions;
    }

    /** Every datasource uid the dashboard names: on panels, targets and template variables. */
    private static List<String> datasources(Object node) {
        List<String> uids = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            if (map.get("datasource") instanceof Map<?, ?> datasource) {
                uids.add((String) datasource.get("uid"));
            }
            map.values().forEach(value -> uids.addAll(datasources(value)));
        } else if (node instanceof List<?> list) {
            list.forEach(value -> uids.addAll(datasources(value)));
        }
        return uids;
    }

    /** Bind mounts of a compose service: host path to container path. */
    private static Map<String, String> mounts(String service) {
        Map<String, String> mounts = new HashMap<>();
        for (Object entry : Tree.list(Tree.at(COMPOSE, "services", service, "volumes"))) {
            String[] parts = String.valueOf(entry).split(":");
            mounts.put(parts[0], parts[1]);
        }
        return mounts;
    }

    private static Map<String, Object> readDashboard() {
        return Tree.map(JsonMapper.builder().build().readValue(
                RepositoryFiles.text("deploy/grafana/dashboards/realtime-analytics.json"), Map.class));
    }
}
