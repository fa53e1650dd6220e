package com.example.analytics.support.streams;

import com.example.analytics.model.topics.Topic;
import com.example.analytics.model.topics.Topics;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * What a topology reads and writes, taken from the topology itself so a service never declares its topics twice:
 * the catalogue topics to create at start, and for each state store the topics feeding its sub-topology, which
 * tell which partitions a store has when answering global queries.
 */
public final class TopologyTopics {

    private final Set<Topic<?, ?>> external;
    private final Set<String> inputs;
    private final Set<String> internalInputs;
    private final Map<String, Set<String>> sourcesByStore;

    private TopologyTopics(Set<Topic<?, ?>> external, Set<String> inputs, Set<String> internalInputs,
                           Map<String, Set<String>> sourcesByStore) {
        this.external = external;
        this.inputs = inputs;
        this.internalInputs = internalInputs;
        this.sourcesByStore = sourcesByStore;
    }

    public static TopologyTopics of(Topology topology) {
        Set<Topic<?, ?>> external = new LinkedHashSet<>();
        Set<String> inputs = new TreeSet<>();
        Set<String> internalInputs = new TreeSet<>();
        Map<String, Set<String>> sourcesByStore = new HashMap<>();
        for (TopologyDescription.Subtopology subtopology : topology.describe().subtopologies()) {
            Set<String> sources = new LinkedHashSet<>();
            Set<String> stores = new LinkedHashSet<>();
            for (TopologyDescription.Node node : subtopology.nodes()) {
                if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
                    sources.addAll(source.topicSet());
                    for (String name : source.topicSet()) {
                        catalogued(name).ifPresentOrElse(topic -> {
                            external.add(topic);
                            inputs.add(name);
                        }, () -> internalInputs.add(name));
                    }
                } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
                    catalogued(sink.topic()).ifPresent(external::add);
                } else if (node instanceof TopologyDescription.Processor processor) {
                    stores.addAll(processor.stores());
                }
            }
            stores.forEach(store -> sourcesByStore.computeIfAbsent(store, s -> new LinkedHashSet<>()).addAll(sources));
        }
        return new TopologyTopics(Set.copyOf(external), Set.copyOf(inputs), Set.copyOf(internalInputs),
                Map.copyOf(sourcesByStore));
    }

    /** Catalogue topics the topology reads, by name. */
    public Set<String> inputs() {
        return inputs;
    }

    /**
     * Topics Kafka Streams creates that the topology reads (repartition topics), as the topology names them; at run
     * time they carry the application id as a prefix.
     */
    public Set<String> internalInputs() {
        return internalInputs;
    }

    /** Catalogue topics the topology reads or writes, to be created if missing. */
    public List<Topic<?, ?>> external() {
        return List.copyOf(external);
    }

    /**
     * Whether {@code topic} (as Kafka Streams names it in assignments) feeds the sub-topology holding {@code store}.
     * Internal topics are prefixed with the application id at run time, so they are matched by suffix.
     */
    public boolean feedsStore(String store, String topic) {
        Set<String> sources = sourcesByStore.getOrDefault(store, Set.of());
        if (sources.contains(topic)) {
            return true;
        }
        for (String source : sources) {
            if (topic.endsWith("-" + source)) {
                return true;
            }
        }
        return false;
    }

    public boolean hasStore(String store) {
        return sourcesByStore.containsKey(store);
    }

    private static java.util.Optional<Topic<?, ?>> catalogued(String name) {
        return Topics.byName(name);
    }
}
