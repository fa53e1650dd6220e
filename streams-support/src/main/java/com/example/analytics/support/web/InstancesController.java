package com.example.analytics.support.web;

import com.example.analytics.support.streams.ManagedKafkaStreams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/instances}: every instance of this service, its stores and the partitions it owns. */
@RestController
@Tag(name = "service", description = "The instances of this service and what they counted")
public class InstancesController {

    public record Instance(
            @Schema(description = "host:port other instances reach it at") String instance,
            @Schema(description = "Whether this is the instance that answered") boolean self,
            SortedSet<String> stores,
            @Schema(description = "topic-partition of every active task") SortedSet<String> activePartitions,
            @Schema(description = "topic-partition of every standby task") SortedSet<String> standbyPartitions) {
    }

    public record Instances(
            @Schema(description = "host:port of the instance that answered") String self,
            @Schema(description = "Kafka Streams state of the instance that answered", example = "RUNNING")
            String state,
            @Schema(description = "RUNNING and no store restoring") boolean ready,
            List<Instance> instances) {
    }

    private final ManagedKafkaStreams runtime;
    private final Duration retryAfter;

    public InstancesController(ManagedKafkaStreams runtime, Duration retryAfter) {
        this.runtime = runtime;
        this.retryAfter = retryAfter;
    }

    @Operation(summary = "Every instance of the service, its stores, active and standby partitions")
    @GlobalQueryResponses
    @GetMapping("/api/instances")
    public Instances instances() {
        KafkaStreams streams = runtime.streams()
                .orElseThrow(() -> new ApiException.NotReady("Kafka Streams is not started", retryAfter));
        List<Instance> instances = new ArrayList<>();
        try {
            for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
                instances.add(new Instance(name(client.hostInfo()), client.hostInfo().equals(runtime.self()),
                        new TreeSet<>(client.stateStoreNames()), names(client.topicPartitions()),
                        names(client.standbyTopicPartitions())));
            }
        } catch (IllegalStateException e) {
            throw new ApiException.NotReady("Kafka Streams is not running", retryAfter);
        }
        return new Instances(name(runtime.self()), runtime.state().name(), runtime.isReady(), instances);
    }

    private static SortedSet<String> names(Set<TopicPartition> partitions) {
        SortedSet<String> names = new TreeSet<>();
        partitions.forEach(tp -> names.add(tp.topic() + "-" + tp.partition()));
        return names;
    }

    private static String name(HostInfo host) {
        return host == null ? null : host.host() + ":" + host.port();
    }
}
