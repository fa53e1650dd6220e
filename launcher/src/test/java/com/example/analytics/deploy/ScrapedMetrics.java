package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every series the services publish on /actuator/prometheus with the label names it carries (a recorded scrape,
 * resources/deploy/scraped-metrics.txt), and the check that a PromQL expression of the dashboard or the alerts asks
 * only for those: Prometheus answers a misspelt metric or label with an empty result, not an error, so a panel
 * would stay empty and an alert silent.
 */
record ScrapedMetrics(Map<String, Set<String>> labelsByMetric) {

    /** A selector with matchers: name{matchers}. */
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\(([^)]*)\\)");
    private static final Pattern RANGE = Pattern.compile("\\[[^]]*]");
    /** Numbers, and durations as 'offset 10m' writes them. */
    private static final Pattern NUMBER = Pattern.compile("\\b\\d+(?:\\.\\d+)?(?:ms|[smhdwy])?\\b");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "avg", "max", "min", "count", "rate", "irate",
            "increase", "by", "without", "on", "ignoring", "and", "or", "unless", "offset", "histogram_quantile");

    static ScrapedMetrics recorded() {
        try (InputStream in = ScrapedMetrics.class.getResourceAsStream("/deploy/scraped-metrics.txt")) {
            return new ScrapedMetrics(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split(" ", 2))
                    .collect(Collectors.toMap(parts -> parts[0],
                            parts -> parts.length < 2 ? Set.of() : Set.of(parts[1].split(",")))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every metric of the expression is published, with every label it matches on or groups by; whatever else is
     * left in it is PromQL's own words and numbers.
     */
    void assertQueriesOnlyPublishedSeries(String expression) {
        Set<String> metrics = new HashSet<>();
        Matcher selector = SELECTOR.matcher(expression);
        while (selector.find()) {
            metrics.add(assertPublished(selector.group(1), selector.group(2), expression));
        }
        String rest = NUMBER.matcher(RANGE.matcher(GROUPING.matcher(SELECTOR.matcher(expression).replaceAll(" "))
                .replaceAll(" ")).replaceAll(" ")).replaceAll(" ");
        Matcher word = IDENTIFIER.matcher(rest);
        while (word.find()) {
            if (!PROMQL_WORDS.contains(word.group())) {
                metrics.add(assertPublished(word.group(), "", expression));
            }
        }
        assertThat(metrics).as("a metric in: " + expression).isNotEmpty();
        Matcher grouping = GROUPING.matcher(expression);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                assertThat(metrics).allSatisfy(metric -> assertThat(labelsByMetric.get(metric))
                        .as(label.trim() + " on " + metric + " in: " + expression).contains(label.trim()));
            }
        }
    }

    /** A series as promtool's unit tests write it, name{label="value", ...}: published, with those labels. */
    void assertPublishedSeries(String series) {
        Matcher selector = SELECTOR.matcher(series);
        assertThat(selector.matches()).as("name{labels}: " + series).isTrue();
        assertPublished(selector.group(1), selector.group(2), series);
    }

    private String assertPublished(String metric, String matchers, String where) {
        assertThat(labelsByMetric).as("metric in: " + where).containsKey(metric);
        Matcher label = MATCHER_LABEL.matcher(matchers);
        while (label.find()) {
            assertThat(labelsByMetric.get(metric)).as(label.group(1) + " on " + metric).contains(label.group(1));
        }
        return metric;
    }
}
