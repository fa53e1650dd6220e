package com.example.analytics.support.web;

import com.example.analytics.support.metrics.MicrometerProcessingMetrics;
import com.example.analytics.support.query.InstanceClient;
import com.example.analytics.support.streams.ManagedKafkaStreams;
import com.example.analytics.support.streams.StreamTime;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Per-service record statistics: late records (counted, not applied) and dead-lettered records, summed over all
 * instances. Counts are since each instance started; Prometheus keeps the history.
 */
@RestController
@Tag(name = "service", description = "The instances of this service and what they counted")
public class StatsController {

    static final String INTERNAL_PATH = "/internal/stats";

    /** What one instance reports about itself. */
    public record InstanceStats(
            @Schema(description = "host:port of the instance") String instance,
            @Schema(description = "Kafka Streams state", example = "RUNNING") String state,
            long lateRecords,
            long deadLetteredRecords,
            @Schema(description = "Stream time of the instance, epoch seconds") Double asOf) {
    }

    /**
     * @param complete whether every instance of the service answered; the sums cover only those that did
     */
    public record Stats(
            @Schema(description = "Late records (counted, not applied) since each instance started")
            long lateRecords,
            @Schema(description = "Records written to analytics_dlq since each instance started")
            long deadLetteredRecords,
            @Schema(description = "Latest stream time among the instances that answered, epoch seconds")
            Double asOf,
            List<InstanceStats> instances,
            @Schema(description = "Whether every instance answered; the sums cover only those that did")
            boolean complete) {
    }

    private final ManagedKafkaStreams runtime;
    private final MicrometerProcessingMetrics metrics;
    private final StreamTime streamTime;
    private final InstanceClient client;
    private final Duration timeout;

    public StatsController(ManagedKafkaStreams runtime, MicrometerProcessingMetrics metrics, StreamTime streamTime,
                           InstanceClient client, Duration timeout) {
        this.runtime = runtime;
        this.metrics = metrics;
        this.streamTime = streamTime;
        this.client = client;
        this.timeout = timeout;
    }

    @GetMapping(INTERNAL_PATH)
    public InstanceStats here() {
        HostInfo self = runtime.self();
        return new InstanceStats(self == null ? null : self.host() + ":" + self.port(), runtime.state().name(),
                metrics.lateTotal(), metrics.deadLetteredTotal(), streamTime.epochSeconds());
    }

    @Operation(summary = "Late and dead-lettered record counts, summed over all instances")
    @GetMapping("/api/stats")
    public Stats stats() {
        Set<HostInfo> hosts = new LinkedHashSet<>();
        runtime.streams().ifPresent(streams -> {
            try {
                streams.metadataForAllStreamsClients().stream().map(StreamsMetadata::hostInfo).forEach(hosts::add);
            } catch (IllegalStateException e) {
                // not running: report this instance alone
            }
        });
        List<CompletableFuture<InstanceStats>> calls = new ArrayList<>();
        calls.add(CompletableFuture.completedFuture(here()));
        for (HostInfo host : hosts) {
            if (!host.equals(runtime.self())) {
                calls.add(client.get(host, INTERNAL_PATH, InstanceStats.class)
                        .thenApply(response -> response.status() == 200 ? response.body() : null)
                        .exceptionally(e -> null));
            }
        }
        List<InstanceStats> answered = new ArrayList<>();
        for (CompletableFuture<InstanceStats> call : calls) {
            try {
                InstanceStats stats = call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
                if (stats != null) {
                    answered.add(stats);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                // counted as not answered below
            }
        }
        return new Stats(answered.stream().mapToLong(InstanceStats::lateRecords).sum(),
                answered.stream().mapToLong(InstanceStats::deadLetteredRecords).sum(),
                answered.stream().map(InstanceStats::asOf).filter(Objects::nonNull).max(Double::compare).orElse(null),
                answered, answered.size() == Math.max(1, hosts.size()));
    }
}
