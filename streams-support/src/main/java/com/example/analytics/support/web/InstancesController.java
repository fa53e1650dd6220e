package com.example.analytics.support.web;

import com.example.analytics.support.streams.ManagedKafkaStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/instances}: every instance of this service, its stores and the partitions it owns. */
@RestController
public class InstancesController {

    private final ManagedKafkaStreams runtime;
    private final Duration retryAfter;

    public InstancesController(ManagedKafkaStreams runtime, Duration retryAfter) {
        this.runtime = runtime;
        this.retryAfter = retryAfter;
    }

    @GetMapping("/api/instances")
    public Map<String, Object> instances() {
        KafkaStreams streams = runtime.streams()
                .orElseThrow(() -> new ApiException.NotReady("Kafka Streams is not started", retryAfter));
        List<Map<String, Object>> instances = new ArrayList<>();
        try {
            for (StreamsMetadata client : streams.metadataForAllStreamsClients()) {
                Map<String, Object> instance = new LinkedHashMap<>();
                instance.put("instance", name(client.hostInfo()));
                instance.put("self", client.hostInfo().equals(runtime.self()));
                instance.put("stores", new TreeSet<>(client.stateStoreNames()));
                instance.put("active_partitions", names(client.topicPartitions()));
                instance.put("standby_partitions", names(client.standbyTopicPartitions()));
                instances.add(instance);
            }
        } catch (IllegalStateException e) {
            throw new ApiException.NotReady("Kafka Streams is not running", retryAfter);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("self", name(runtime.self()));
        body.put("state", runtime.state().name());
        body.put("ready", runtime.isReady());
        body.put("instances", instances);
        return body;
    }

    private static TreeSet<String> names(java.util.Set<TopicPartition> partitions) {
        TreeSet<String> names = new TreeSet<>();
        partitions.forEach(tp -> names.add(tp.topic() + "-" + tp.partition()));
        return names;
    }

    private static String name(HostInfo host) {
        return host == null ? null : host.host() + ":" + host.port();
    }
}
