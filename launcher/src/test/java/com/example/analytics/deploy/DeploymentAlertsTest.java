package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * The alerts (deploy/prometheus/alerts.yml): promtool accepts them and the Prometheus configuration that loads them;
 * each fires in its unit tests (alerts.test.yml) on series shaped like the services' own and stays quiet where a
 * service is fine; they ask only for series the services publish; Kubernetes gets the same rules.
 */
class DeploymentAlertsTest {

    private static final String RULES = "deploy/prometheus/alerts.yml";
    private static final String UNIT_TESTS = "deploy/prometheus/alerts.test.yml";
    private static final Set<String> SEVERITIES = Set.of("warning", "critical");

    @Test
    void promtoolAcceptsTheRulesAndThePrometheusConfigurationThatLoadsThem() {
        ExternalTool promtool = ExternalTool.required("promtool");
        assertSucceeds(promtool.run(RepositoryFiles.root(), "check", "rules", RULES));
        assertSucceeds(promtool.run(RepositoryFiles.root(), "check", "config", "deploy/prometheus/prometheus.yml"));
    }

    @Test
    void everyAlertPassesItsUnitTests() {
        assertSucceeds(ExternalTool.required("promtool").run(RepositoryFiles.root(), "test", "rules", UNIT_TESTS));
    }

    @Test
    void everyAlertHasAUnitTestInWhichItFiresAndOneInWhichItStaysQuiet() {
        Map<String, Object> unitTests = RepositoryFiles.yaml(UNIT_TESTS);
        assertThat(Tree.list(unitTests.get("rule_files"))).containsExactly("alerts.yml");
        Set<String> fired = new HashSet<>();
        Set<String> quiet = new HashSet<>();
        for (Object test : Tree.list(unitTests.get("tests"))) {
            for (Object check : Tree.list(Tree.map(test).get("alert_rule_test"))) {
                String alert = Tree.stringAt(check, "alertname");
                (Tree.list(Tree.map(check).get("exp_alerts")).isEmpty() ? quiet : fired).add(alert);
            }
        }
        List<String> alerts = rules().stream().map(rule -> (String) rule.get("alert")).toList();
        assertThat(fired).containsExactlyInAnyOrderElementsOf(alerts);
        assertThat(quiet).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void alertsAndTheirUnitTestsUseOnlySeriesAndLabelsTheServicesPublish() {
        ScrapedMetrics scraped = ScrapedMetrics.recorded();
        rules().forEach(rule -> scraped.assertQueriesOnlyPublishedSeries((String) rule.get("expr")));
        for (Object test : Tree.list(RepositoryFiles.yaml(UNIT_TESTS).get("tests"))) {
            for (Object series : Tree.list(Tree.map(test).get("input_series"))) {
                scraped.assertPublishedSeries(Tree.stringAt(series, "series"));
            }
        }
    }

    @Test
    void everyAlertSaysHowUrgentItIsAndWhatHappened() {
        List<Map<String, Object>> rules = rules();
        assertThat(rules).isNotEmpty();
        assertThat(rules.stream().map(rule -> rule.get("alert")).distinct()).hasSameSizeAs(rules);
        for (Map<String, Object> rule : rules) {
            String alert = (String) rule.get("alert");
            assertThat(alert).as("an alert, not a recording rule").isNotNull();
            assertThat(SEVERITIES).as(alert).contains(Tree.stringAt(rule, "labels", "severity"));
            assertThat(Tree.stringAt(rule, "annotations", "summary")).as(alert).isNotBlank();
            assertThat(Tree.stringAt(rule, "annotations", "description")).as(alert).isNotBlank();
        }
    }

    @Test
    void theClientStateAlertNumbersTheStatesAsKafkaStreamsDoes() {
        Map<String, Object> rule = rules().stream()
                .filter(candidate -> "AnalyticsStreamsClientNotRunning".equals(candidate.get("alert")))
                .findFirst().orElseThrow();
        assertThat(rule.get("expr")).isEqualTo("kafka_stream_client_state != " + KafkaStreams.State.RUNNING.ordinal());
        Matcher state = Pattern.compile("(\\d+) ([A-Z_]+)")
                .matcher(Tree.stringAt(rule, "annotations", "description"));
        List<String> named = new ArrayList<>();
        while (state.find()) {
            assertThat(KafkaStreams.State.values()[Integer.parseInt(state.group(1))].name())
                    .isEqualTo(state.group(2));
            named.add(state.group(2));
        }
        assertThat(named).as("every state but RUNNING and CREATED")
                .containsExactlyInAnyOrder("REBALANCING", "PENDING_SHUTDOWN", "NOT_RUNNING", "PENDING_ERROR", "ERROR");
    }

    @Test
    void kubernetesGetsTheSameAlertsAsAPrometheusRule() {
        List<Map<String, Object>> rules = KubernetesObjects.custom(
                KubernetesObjects.render("k8s/overlays/production"), "PrometheusRule");
        assertThat(rules).singleElement().satisfies(rule -> assertThat(Tree.at(rule, "spec", "groups"))
                .isEqualTo(RepositoryFiles.yaml(RULES).get("groups")));
    }

    /** Every rule of every group of alerts.yml. */
    private static List<Map<String, Object>> rules() {
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : Tree.list(RepositoryFiles.yaml(RULES).get("groups"))) {
            Tree.list(Tree.map(group).get("rules")).forEach(rule -> rules.add(Tree.map(rule)));
        }
        return rules;
    }

    private static void assertSucceeds(ExternalTool.Result result) {
        assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
    }
}
