package com.example.analytics.launcher.view;

import com.example.analytics.launcher.view.PrometheusText.Series;
import com.example.analytics.launcher.view.Sample.ProductViews;
import com.example.analytics.launcher.view.Sample.Sessions;
import com.example.analytics.launcher.view.Sample.Trend;
import com.example.analytics.model.Action;
import com.example.analytics.model.json.Json;
import com.example.analytics.model.topics.Topics;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Reads the platform every {@link #EVERY} the way an operator would: each service's REST API and
 * {@code /actuator/prometheus}, and the input topics' end offsets from Kafka. Keeps the last few minutes of
 * samples for a newly opened page and hands each new one to subscribers.
 */
public final class PlatformSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PlatformSampler.class);

    public static final Duration EVERY = Duration.ofSeconds(2);
    /** Five minutes: what the web view's time charts show. */
    static final int KEPT = 150;

    private static final String USERS = "user-analytics-service";
    private static final String PRODUCTS = "product-analytics-service";
    private static final String TRENDS = "trend-service";
    private static final String FRAUD = "fraud-service";
    private static final List<String> INPUT_TOPICS = List.of(Topics.USER_EVENTS.name(), Topics.PRODUCT_EVENTS.name());
    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(2);
    private static final int TOP_PRODUCTS = 8;
    private static final int LATEST_ALERTS = 8;

    private static final String LAG = "kafka_consumer_fetch_manager_records_lag";
    private static final String ACTIONS = "analytics_actions_total";
    private static final String DEAD_LETTERED = "analytics_dlq_records_total";
    private static final String LATE = "analytics_late_records_total";
    /** The endpoint filters by the registry's names, which for counters lack the {@code _total} of the output. */
    private static final String INCLUDED_NAMES =
            "kafka_consumer_fetch_manager_records_lag,analytics_actions,analytics_dlq_records,analytics_late_records";

    private record TopProducts(List<ProductViews> topProductsHourly) {
    }

    private record Trends(List<Trend> trends) {
    }

    private record Alerts(List<Action> alerts) {
    }

    private final Map<String, Integer> servicePorts;
    private final Admin admin;
    private final RestClient rest;
    private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(
            runnable -> daemon(runnable, "platform-sampler"));
    private final ExecutorService delivery = Executors.newCachedThreadPool(
            runnable -> daemon(runnable, "platform-sample-delivery"));
    private final SubmissionPublisher<Sample> published = new SubmissionPublisher<>(delivery, KEPT);
    private final Deque<Sample> recent = new ArrayDeque<>(KEPT);
    private volatile Sample latest;
    /** Input topic end offsets of the previous reading; only the sampling thread touches them. */
    private Map<String, Long> previousEndOffsets;
    private double previousTime;

    /**
     * @param servicePorts the API port of each service by name
     * @param kafkaClient  bootstrap servers and security settings
     */
    public PlatformSampler(Map<String, Integer> servicePorts, Map<String, Object> kafkaClient) {
        this.servicePorts = Map.copyOf(servicePorts);
        this.admin = Admin.create(kafkaClient);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(Duration.ofSeconds(2));
        this.rest = RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters.registerDefaults()
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(Json.mapper())))
                .build();
    }

    public void start() {
        schedule.scheduleWithFixedDelay(this::sample, 0, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The newest sample, empty until the first one is taken. */
    public Optional<Sample> latest() {
        return Optional.ofNullable(latest);
    }

    /** The samples of the last few minutes, oldest first. */
    public synchronized List<Sample> recent() {
        return List.copyOf(recent);
    }

    /** Every sample from now on; a subscriber that falls {@value #KEPT} samples behind misses some. */
    public void subscribe(Flow.Subscriber<Sample> subscriber) {
        published.subscribe(subscriber);
    }

    private void sample() {
        try {
            Sample sample = take();
            synchronized (this) {
                if (recent.size() == KEPT) {
                    recent.removeFirst();
                }
                recent.addLast(sample);
            }
            latest = sample;
            published.offer(sample, (subscriber, dropped) -> false);
        } catch (RuntimeException e) {
            // A failed reading must not end the schedule; the next one tries again.
            LOG.warn("Platform sample failed", e);
        }
    }

    private Sample take() {
        double time = System.currentTimeMillis() / 1000.0;
        Map<String, Double> eventsPerSecond = eventsPerSecond(time);
        Map<String, List<Series>> metrics = new TreeMap<>();
        servicePorts.forEach((service, port) -> metrics(port).ifPresent(series -> metrics.put(service, series)));
        return new Sample(time, eventsPerSecond,
                metrics.isEmpty() ? null : actionsByRule(metrics.values()),
                sumPerService(metrics, series -> series.name().equals(LAG)),
                sumPerService(metrics, series -> series.name().equals(DEAD_LETTERED)),
                sumPerService(metrics, series -> series.name().equals(LATE)),
                get(PRODUCTS, "/api/products/top?limit={limit}", Map.of("limit", TOP_PRODUCTS), TopProducts.class)
                        .map(TopProducts::topProductsHourly).orElse(null),
                get(TRENDS, "/api/trends", Map.of(), Trends.class).map(Trends::trends).orElse(null),
                get(FRAUD, "/api/fraud/alerts?limit={limit}", Map.of("limit", LATEST_ALERTS), Alerts.class)
                        .map(Alerts::alerts).orElse(null),
                get(USERS, "/api/sessions/active", Map.of(), Sessions.class).orElse(null));
    }

    /** Null when Kafka did not answer, and in the first reading, which has nothing to compare with. */
    private Map<String, Double> eventsPerSecond(double time) {
        Map<String, Long> endOffsets;
        try {
            endOffsets = inputEndOffsets();
        } catch (KafkaException | ExecutionException | TimeoutException e) {
            previousEndOffsets = null;
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        Map<String, Long> previous = previousEndOffsets;
        double seconds = time - previousTime;
        previousEndOffsets = endOffsets;
        previousTime = time;
        if (previous == null) {
            return null;
        }
        Map<String, Double> rates = new TreeMap<>();
        endOffsets.forEach((topic, end) -> rates.put(topic, (end - previous.getOrDefault(topic, end)) / seconds));
        return rates;
    }

    private Map<String, Long> inputEndOffsets()
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        admin.describeTopics(INPUT_TOPICS).allTopicNames().get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((topic, description) -> description.partitions().forEach(partition ->
                        partitions.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResultInfo> offsets = admin.listOffsets(partitions).all()
                .get(KAFKA_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<String, Long> endOffsets = new TreeMap<>();
        offsets.forEach((partition, info) -> endOffsets.merge(partition.topic(), info.offset(), Long::sum));
        return endOffsets;
    }

    private Optional<List<Series>> metrics(int port) {
        try {
            String exposition = rest.get()
                    .uri("http://localhost:{port}/actuator/prometheus?includedNames={names}", port, INCLUDED_NAMES)
                    .accept(MediaType.TEXT_PLAIN)
                    .retrieve()
                    .body(String.class);
            return Optional.of(exposition == null ? List.of() : PrometheusText.parse(exposition));
        } catch (RestClientException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Long> actionsByRule(Iterable<List<Series>> metrics) {
        Map<String, Long> actions = new TreeMap<>();
        metrics.forEach(series -> series.stream().filter(s -> s.name().equals(ACTIONS))
                .forEach(s -> actions.merge(s.label("rule"), Math.round(s.value()), Long::sum)));
        return actions;
    }

    /**
     * The sum of the matching series of each service that answered (one that did not is absent); a series with no
     * value (NaN) counts as nothing.
     */
    private static Map<String, Long> sumPerService(Map<String, List<Series>> metrics, Predicate<Series> which) {
        Map<String, Long> sums = new TreeMap<>();
        metrics.forEach((service, series) -> sums.put(service, Math.round(series.stream().filter(which)
                .mapToDouble(Series::value).filter(Double::isFinite).sum())));
        return sums;
    }

    private <T> Optional<T> get(String service, String pathTemplate, Map<String, Object> variables, Class<T> type) {
        Integer port = servicePorts.get(service);
        if (port == null) {
            return Optional.empty();
        }
        Map<String, Object> uriVariables = new HashMap<>(variables);
        uriVariables.put("port", port);
        try {
            return Optional.ofNullable(rest.get().uri("http://localhost:{port}" + pathTemplate, uriVariables)
                    .retrieve().body(type));
        } catch (RestClientException e) {
            return Optional.empty();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() {
        schedule.shutdownNow();
        try {
            // A reading under way ends within its timeouts; only then may the publisher close under it.
            schedule.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        published.close();
        delivery.shutdown();
        admin.close(KAFKA_TIMEOUT);
    }
}
