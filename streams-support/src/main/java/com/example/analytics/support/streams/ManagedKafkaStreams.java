package com.example.analytics.support.streams;

import com.example.analytics.support.config.AnalyticsStreamsProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.StateRestoreListener;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Owns the service's {@link KafkaStreams}: created and started after the web server (so {@code application.server}
 * can name the port actually bound), closed first on shutdown with a bounded timeout so the last commit is not lost.
 * Knows whether the instance is ready: RUNNING with no active task restoring.
 */
public class ManagedKafkaStreams implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManagedKafkaStreams.class);

    private final Topology topology;
    private final AnalyticsStreamsProperties props;
    private final Function<HostInfo, Properties> configFor;
    private final Runnable beforeStart;
    private final HostResolver hostResolver;
    private final MeterRegistry meterRegistry;
    private final ReplaceThreadHandler uncaughtHandler;
    private final Set<TopicPartition> restoring = ConcurrentHashMap.newKeySet();

    private volatile KafkaStreams streams;
    private volatile HostInfo self;
    private KafkaStreamsMetrics metrics;

    /** Supplies the host and port this instance is reachable at, once the web server has started. */
    @FunctionalInterface
    public interface HostResolver {
        HostInfo resolve();
    }

    public ManagedKafkaStreams(Topology topology, AnalyticsStreamsProperties props,
                               Function<HostInfo, Properties> configFor, Runnable beforeStart,
                               HostResolver hostResolver, MeterRegistry meterRegistry,
                               ReplaceThreadHandler uncaughtHandler) {
        this.topology = topology;
        this.props = props;
        this.configFor = configFor;
        this.beforeStart = beforeStart;
        this.hostResolver = hostResolver;
        this.meterRegistry = meterRegistry;
        this.uncaughtHandler = uncaughtHandler;
    }

    @Override
    public synchronized void start() {
        beforeStart.run();
        self = hostResolver.resolve();
        KafkaStreams created = new KafkaStreams(topology, configFor.apply(self));
        created.setUncaughtExceptionHandler(uncaughtHandler);
        created.setGlobalStateRestoreListener(new RestoreTracker());
        created.setStateListener((newState, oldState) ->
                log.info("Kafka Streams {} -> {} ({})", oldState, newState, props.serviceName()));
        metrics = new KafkaStreamsMetrics(created);
        metrics.bindTo(meterRegistry);
        streams = created;
        created.start();
        log.info("Kafka Streams started: application.id={}, application.server={}",
                props.effectiveApplicationId(), self);
    }

    @Override
    public synchronized void stop() {
        KafkaStreams current = streams;
        if (current == null) {
            return;
        }
        boolean closed = current.close(new KafkaStreams.CloseOptions()
                .timeout(props.closeTimeout())
                .leaveGroup(true));
        if (!closed) {
            log.warn("Kafka Streams did not close within {}", props.closeTimeout());
        }
        if (metrics != null) {
            metrics.close();
        }
        streams = null;
    }

    @Override
    public boolean isRunning() {
        return streams != null;
    }

    /** Started after the web server (whose phase is lower), stopped before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE;
    }

    public Optional<KafkaStreams> streams() {
        return Optional.ofNullable(streams);
    }

    public HostInfo self() {
        return self;
    }

    public KafkaStreams.State state() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.CREATED : current.state();
    }

    /** RUNNING and no active task is restoring: answers are complete and fresh. */
    public boolean isReady() {
        return state() == KafkaStreams.State.RUNNING && restoring.isEmpty();
    }

    public boolean isBroken() {
        KafkaStreams.State state = state();
        return state == KafkaStreams.State.ERROR || state == KafkaStreams.State.PENDING_ERROR;
    }

    public Map<String, Object> describe() {
        return Map.of("state", state().name(), "restoring_partitions", restoring.size(),
                "application_server", String.valueOf(self));
    }

    private final class RestoreTracker implements StateRestoreListener {
        @Override
        public void onRestoreStart(TopicPartition partition, String store, long startOffset, long endOffset) {
            restoring.add(partition);
            log.info("Restoring {} from {} ({} records)", store, partition, endOffset - startOffset);
        }

        @Override
        public void onBatchRestored(TopicPartition partition, String store, long batchEndOffset, long numRestored) {
        }

        @Override
        public void onRestoreEnd(TopicPartition partition, String store, long totalRestored) {
            restoring.remove(partition);
            log.info("Restored {} from {} ({} records)", store, partition, totalRestored);
        }

        @Override
        public void onRestoreSuspended(TopicPartition partition, String store, long totalRestored) {
            restoring.remove(partition);
        }
    }
}
