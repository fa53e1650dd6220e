package com.example.analytics.support.config;

import com.example.analytics.model.topics.TopicAdmin;
import com.example.analytics.model.validation.InvalidRecordException;
import com.example.analytics.support.health.KafkaStreamsHealth;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.metrics.MicrometerProcessingMetrics;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.InstanceClient;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRegistry;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.streams.BrokerInputProgress;
import com.example.analytics.support.streams.DeadLetterExceptionHandler;
import com.example.analytics.support.streams.KafkaDeadLetterPublisher;
import com.example.analytics.support.streams.ManagedKafkaStreams;
import com.example.analytics.support.streams.ReplaceThreadHandler;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.StreamsConfigFactory;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.streams.TopologyTopics;
import com.example.analytics.support.web.EmptyErrorBodyFilter;
import com.example.analytics.support.web.ProblemErrorReportValve;
import com.example.analytics.support.web.InstancesController;
import com.example.analytics.support.web.InternalPortFilter;
import com.example.analytics.support.web.InternalQueryController;
import com.example.analytics.support.web.Limit;
import com.example.analytics.support.web.LimitArgumentResolver;
import com.example.analytics.support.web.ProblemDetailsAdvice;
import com.example.analytics.support.web.ProblemErrorController;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.StatsController;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Everything a service gets by depending on streams-support. A service contributes its {@link Topology} bean
 * (built from a {@link TopologyEnvironment}) and its {@link KeyQuery}/{@link GlobalQuery} beans; this runs the
 * topology, creates its topics, dead-letters bad input, routes queries, reports health and counts.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class, before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(AnalyticsStreamsProperties.class)
public class StreamsSupportAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamsSupportAutoConfiguration.class);
    private static final Duration TOPIC_CREATION_DEADLINE = Duration.ofMinutes(2);

    @Bean
    StreamTime streamTime() {
        return new StreamTime();
    }

    /** Idle until a topology asks about a partition; the trend service does, to tell quiet partitions from slow ones. */
    @Bean(destroyMethod = "close")
    BrokerInputProgress inputProgress(KafkaProperties kafka, AnalyticsStreamsProperties props) {
        return new BrokerInputProgress(kafka.buildAdminProperties(), props.effectiveApplicationId(),
                Duration.ofMillis(500));
    }

    @Bean
    MicrometerProcessingMetrics processingMetrics(MeterRegistry registry, AnalyticsStreamsProperties props) {
        return new MicrometerProcessingMetrics(registry, props.serviceName());
    }

    @Bean
    TopologyEnvironment topologyEnvironment(AnalyticsStreamsProperties props, MicrometerProcessingMetrics metrics,
                                            StreamTime streamTime) {
        return new TopologyEnvironment(props.serviceName(), Clock.systemUTC(), props.grace(), props.maxFutureSkew(),
                metrics, streamTime, props.maxEventBytes(), props.effectiveStateStores());
    }

    @Bean(destroyMethod = "close")
    KafkaDeadLetterPublisher deadLetterPublisher(KafkaProperties kafka, MicrometerProcessingMetrics metrics,
                                                 AnalyticsStreamsProperties props) {
        return new KafkaDeadLetterPublisher(kafka.buildProducerProperties(),
                com.example.analytics.model.topics.Topics.DLQ_MAX_MESSAGE_BYTES + 64 * 1024, metrics,
                props.closeTimeout());
    }

    @Bean
    TopologyTopics topologyTopics(Topology topology) {
        return TopologyTopics.of(topology);
    }

    @Bean
    ManagedKafkaStreams managedKafkaStreams(Topology topology, TopologyTopics topics, AnalyticsStreamsProperties props,
                                            KafkaProperties kafka, KafkaDeadLetterPublisher deadLetters,
                                            ApplicationContext context, MeterRegistry registry) {
        Counter replaced = Counter.builder("analytics.stream.threads.replaced")
                .description("Stream threads that died and were replaced")
                .tag("service", props.serviceName())
                .register(registry);
        return new ManagedKafkaStreams(topology, props,
                host -> StreamsConfigFactory.build(kafka.buildStreamsProperties(), props, host,
                        stateDir(props, host), deadLetters),
                () -> createTopics(props, kafka, topics),
                () -> applicationServer(props, context),
                registry,
                new ReplaceThreadHandler(10, Duration.ofMinutes(1), Clock.systemUTC(), replaced::increment));
    }

    /**
     * Every series of the processing counters this service can increment, at 0 before Kafka Streams starts: the DLQ
     * reasons and late records of each input topic, processing errors of each repartition topic, and what the
     * service declares in its {@link CounterSeries}.
     */
    @Bean
    SmartInitializingSingleton processingCountersAtZero(MicrometerProcessingMetrics metrics, TopologyTopics topics,
                                                       ObjectProvider<CounterSeries> declared,
                                                       AnalyticsStreamsProperties props) {
        return () -> {
            List<String> reasons = new ArrayList<>();
            for (InvalidRecordException.Reason reason : InvalidRecordException.Reason.values()) {
                reasons.add(reason.name());
            }
            reasons.add(DeadLetterExceptionHandler.PROCESSING_ERROR);
            List<String> repartitionTopics = topics.internalInputs().stream()
                    .map(topic -> props.effectiveApplicationId() + "-" + topic).toList();
            metrics.registerAtZero(topics.inputs(), reasons, repartitionTopics,
                    DeadLetterExceptionHandler.PROCESSING_ERROR, declared.orderedStream()
                            .reduce(new CounterSeries(List.of(), List.of()), CounterSeries::plus));
        };
    }

    @Bean(destroyMethod = "close")
    InstanceClient instanceClient(AnalyticsStreamsProperties props, ObjectProvider<ObservationRegistry> observations) {
        return new InstanceClient(props.queryTimeout(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
    }

    /** Reads {@link Limit} bounds that name a property from the service's bound properties. */
    @Bean
    LimitArgumentResolver limitArgumentResolver(ApplicationContext context) {
        return new LimitArgumentResolver(new BoundProperties(context));
    }

    /** A @Limit bound that names no property, or not a whole number, stops the service at start, not a request. */
    @Bean
    SmartInitializingSingleton limitBoundsResolve(LimitArgumentResolver limits,
                                                  ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return () -> mappings.orderedStream().forEach(mapping -> limits.check(mapping.getHandlerMethods().values()));
    }

    @Bean
    WebMvcConfigurer limitArguments(LimitArgumentResolver limits) {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(limits);
            }
        };
    }

    @Bean
    QueryRegistry queryRegistry(ObjectProvider<KeyQuery<?>> keyQueries, ObjectProvider<GlobalQuery<?>> globalQueries) {
        return new QueryRegistry(keyQueries.orderedStream().toList(), globalQueries.orderedStream().toList());
    }

    @Bean
    QueryRouter queryRouter(ManagedKafkaStreams runtime, TopologyTopics topics, InstanceClient client,
                            StreamTime streamTime, AnalyticsStreamsProperties props) {
        return new QueryRouter(runtime, topics, client, streamTime, props.queryTimeout());
    }

    @Bean
    QueryResponses queryResponses(AnalyticsStreamsProperties props) {
        return new QueryResponses(props.retryAfter());
    }

    @Bean
    InternalQueryController internalQueryController(QueryRegistry registry, QueryRouter router,
                                                     AnalyticsStreamsProperties props) {
        return new InternalQueryController(registry, router, props.retryAfter());
    }

    @Bean
    InstancesController instancesController(ManagedKafkaStreams runtime, AnalyticsStreamsProperties props) {
        return new InstancesController(runtime, props.retryAfter());
    }

    @Bean
    StatsController statsController(ManagedKafkaStreams runtime, MicrometerProcessingMetrics metrics,
                                    StreamTime streamTime, InstanceClient client, AnalyticsStreamsProperties props) {
        return new StatsController(runtime, metrics, streamTime, client, props.queryTimeout());
    }

    @Bean
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    /** The internal endpoints on a port of their own, when one is configured. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> internalPortConnector(AnalyticsStreamsProperties props) {
        return factory -> {
            if (props.internalPort() != null) {
                Connector connector = new Connector();
                connector.setPort(props.internalPort());
                factory.addAdditionalConnectors(connector);
            }
        };
    }

    @Bean
    FilterRegistrationBean<InternalPortFilter> internalPortFilter(AnalyticsStreamsProperties props) {
        FilterRegistrationBean<InternalPortFilter> registration = new FilterRegistrationBean<>(
                new InternalPortFilter(props.internalPort() == null ? -1 : props.internalPort()));
        registration.setEnabled(props.internalPort() != null);
        return registration;
    }

    @Bean
    EmptyErrorBodyFilter emptyErrorBodyFilter() {
        return new EmptyErrorBodyFilter();
    }

    /** Requests Tomcat rejects before Spring sees them also get problem+json, not Tomcat's HTML page. */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    @Bean
    HealthIndicator kafkaStreamsReadinessHealthIndicator(ManagedKafkaStreams runtime) {
        return KafkaStreamsHealth.readiness(runtime);
    }

    @Bean
    HealthIndicator kafkaStreamsLivenessHealthIndicator(ManagedKafkaStreams runtime) {
        return KafkaStreamsHealth.liveness(runtime);
    }

    /**
     * The configured {@code host:port}, else the advertised host and the internal port, else the port the web server
     * actually bound: where other instances send {@code /internal/...} requests.
     */
    static HostInfo applicationServer(AnalyticsStreamsProperties props, ApplicationContext context) {
        if (props.applicationServer() != null && !props.applicationServer().isBlank()) {
            return HostInfo.buildFromEndpoint(props.applicationServer());
        }
        if (props.internalPort() != null) {
            return new HostInfo(props.advertisedHost(), props.internalPort());
        }
        if (context instanceof WebServerApplicationContext web && web.getWebServer() != null) {
            return new HostInfo(props.advertisedHost(), web.getWebServer().getPort());
        }
        throw new IllegalStateException("analytics.streams.application-server is not set and there is no web server "
                + "to take the port from");
    }

    /**
     * One directory per application id and instance address, so instances sharing a host never share state and a
     * restarted instance finds its state again.
     */
    static Path stateDir(AnalyticsStreamsProperties props, HostInfo host) {
        if (props.stateDir() != null && !props.stateDir().isBlank()) {
            return Path.of(props.stateDir());
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "analytics-streams", props.effectiveApplicationId(),
                host.host() + "-" + host.port());
    }

    /** Retries while the broker is still coming up (docker-compose, Kubernetes start everything at once). */
    static void createTopics(AnalyticsStreamsProperties props, KafkaProperties kafka, TopologyTopics topics) {
        if (!props.createTopics() || topics.external().isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TOPIC_CREATION_DEADLINE.toNanos();
        Optional<Short> replication = props.replicationFactor() < 0
                ? Optional.empty() : Optional.of(props.replicationFactor());
        while (true) {
            try (Admin admin = Admin.create(kafka.buildAdminProperties())) {
                List<String> created = TopicAdmin.createMissing(admin, topics.external(), props.partitions(),
                        replication, Duration.ofSeconds(15));
                if (!created.isEmpty()) {
                    log.info("Created topics {}", created);
                }
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Cannot create topics " + topics.external()
                            + " within " + TOPIC_CREATION_DEADLINE + "; is spring.kafka.bootstrap-servers right?", e);
                }
                log.warn("Cannot create topics yet ({}); retrying", e.getMessage());
                sleepBeforeRetry();
            }
        }
    }

    private static void sleepBeforeRetry() {
        try {
            Thread.sleep(2_000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", interrupted);
        }
    }
}
