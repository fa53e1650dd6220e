package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.processor.internals.StreamThread;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prometheus scrapes every service where it publishes its metrics, and the Grafana dashboard asks for series the
 * services really expose (a recorded scrape, resources/deploy/scraped-metrics.txt) with labels they really carry.
 */
class DeploymentMonitoringTest {

    private static final Map<String, Object> COMPOSE = RepositoryFiles.yaml("docker-compose.yml");
    private static final Map<String, Object> DASHBOARD = readDashboard();
    /** A metric selector as the dashboard writes them: name{matchers}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "avg", "max", "min", "count", "rate", "irate",
            "increase", "by", "without", "and", "or", "unless", "histogram_quantile");

    @Test
    void prometheusScrapesEveryServiceWhereItPublishesItsMetrics() {
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
        Map<String, Set<String>> scraped = scrapedMetrics();
        List<String> expressions = expressions();
        assertThat(expressions).isNotEmpty();
        for (String expression : expressions) {
            Set<String> metrics = new HashSet<>();
            Matcher selector = SELECTOR.matcher(expression);
            while (selector.find()) {
                String metric = selector.group(1);
                assertThat(scraped).as("metric in: " + expression).containsKey(metric);
                metrics.add(metric);
                Matcher label = MATCHER_LABEL.matcher(selector.group(2));
                while (label.find()) {
                    assertThat(scraped.get(metric)).as(label.group(1) + " on " + metric).contains(label.group(1));
                }
            }
            assertThat(metrics).as("a selector in: " + expression).isNotEmpty();
            Matcher grouping = GROUPING.matcher(expression);
            while (grouping.find()) {
                for (String label : grouping.group(1).split(",")) {
                    assertThat(metrics).allSatisfy(metric ->
                            assertThat(scraped.get(metric)).as(label.trim() + " on " + metric).contains(label.trim()));
                }
            }
            // Whatever is left is PromQL's own words: no metric was written without its braces.
            String rest = GROUPING.matcher(SELECTOR.matcher(expression).replaceAll(" ")).replaceAll(" ")
                    .replaceAll("\\[[^]]*]", " ");
            Matcher word = IDENTIFIER.matcher(rest);
            while (word.find()) {
                assertThat(PROMQL_WORDS).as("in: " + expression).contains(word.group());
            }
        }
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

    private static Map<String, Set<String>> scrapedMetrics() {
        try (InputStream in = DeploymentMonitoringTest.class.getResourceAsStream("/deploy/scraped-metrics.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(" ", 2))
                    .collect(Collectors.toMap(parts -> parts[0],
                            parts -> parts.length < 2 ? Set.of() : Set.of(parts[1].split(","))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> readDashboard() {
        return Tree.map(JsonMapper.builder().build().readValue(
                RepositoryFiles.text("deploy/grafana/dashboards/realtime-analytics.json"), Map.class));
    }
}
