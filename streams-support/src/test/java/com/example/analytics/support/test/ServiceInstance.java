package com.example.analytics.support.test;

import com.example.analytics.support.streams.ManagedKafkaStreams;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.Assertions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running instance of a service, started in this JVM the way the launcher starts it: its own Spring context,
 * web port and state directory, on a real broker.
 */
public final class ServiceInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final Set<String> counterSeriesAtStart;

    private ServiceInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.counterSeriesAtStart = counterSeries();
    }

    /**
     * Starts {@code application} against {@code bootstrapServers} with a free port, a fresh state directory and
     * a short consumer session so a vanished instance is noticed in seconds.
     */
    public static ServiceInstance start(Class<?> application, String bootstrapServers, String applicationId,
                                        Map<String, String> overrides) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", "0");
        props.put("spring.kafka.bootstrap-servers", bootstrapServers);
        props.put("analytics.streams.application-id", applicationId);
        props.put("analytics.streams.state-dir", tempDir(applicationId).toString());
        props.put("spring.kafka.streams.properties.session.timeout.ms", "6000");
        props.put("spring.kafka.streams.properties.heartbeat.interval.ms", "500");
        props.put("management.metrics.use-global-registry", "false");
        props.put("spring.main.banner-mode", "off");
        props.putAll(overrides);
        // As arguments, so they win over the service's application.yml (its fixed port, for one).
        ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run(props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
        return new ServiceInstance(context);
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public String baseUrl() {
        return "http://localhost:" + port();
    }

    public String hostAndPort() {
        return "localhost:" + port();
    }

    public ManagedKafkaStreams streams() {
        return context.getBean(ManagedKafkaStreams.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public <T> java.util.Collection<T> beans(Class<T> type) {
        return context.getBeansOfType(type).values();
    }

    public <T> T bean(String name, Class<T> type) {
        return context.getBean(name, type);
    }

    /**
     * Series of the service's processing counters ({@code analytics.*}) that did not exist when it started: each
     * should have been registered at 0, so a dashboard shows 0 and {@code rate()} sees its first increment.
     */
    public Set<String> counterSeriesCreatedSinceStart() {
        Set<String> created = counterSeries();
        created.removeAll(counterSeriesAtStart);
        return created;
    }

    /** Fails unless every counter series the instances have now existed when each started. */
    public static void assertCounterSeriesRegisteredAtStart(ServiceInstance... instances) {
        for (ServiceInstance instance : instances) {
            Assertions.assertThat(instance.counterSeriesCreatedSinceStart())
                    .as("counter series of %s not registered at start", instance.hostAndPort()).isEmpty();
        }
    }

    private Set<String> counterSeries() {
        return context.getBean(MeterRegistry.class).getMeters().stream()
                .filter(meter -> meter.getId().getName().startsWith("analytics."))
                .map(meter -> meter.getId().getName() + meter.getId().getTags())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Makes the instance unreachable over HTTP while its Kafka Streams keeps running and owning partitions. */
    public void stopWebServer() {
        ((WebServerApplicationContext) context).getWebServer().stop();
    }

    @Override
    public void close() {
        context.close();
    }

    private static Path tempDir(String applicationId) {
        try {
            return Files.createTempDirectory("state-" + applicationId + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
