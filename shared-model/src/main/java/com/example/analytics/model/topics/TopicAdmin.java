package com.example.analytics.model.topics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Idempotent creation of catalogue topics, shared by every service, the launcher and the load generator. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * Creates whichever of {@code topics} do not exist yet; existing topics are left as they are.
     *
     * @param replicationFactor empty for the broker's default
     * @return the names of the topics this call created
     */
    public static List<String> createMissing(Admin admin, Collection<Topic<?, ?>> topics, int partitions,
                                             Optional<Short> replicationFactor, Duration timeout) {
        List<NewTopic> requests = topics.stream()
                .map(topic -> new NewTopic(topic.name(), Optional.of(partitions), replicationFactor)
                        .configs(topic.configs()))
                .toList();
        CreateTopicsResult result = admin.createTopics(requests);
        List<String> created = new java.util.ArrayList<>();
        for (var entry : result.values().entrySet()) {
            try {
                entry.getValue().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                created.add(entry.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("Cannot create topic " + entry.getKey() + ": "
                            + e.getCause().getMessage(), e.getCause());
                }
            } catch (TimeoutException e) {
                throw new IllegalStateException("Timed out after " + timeout + " creating topic " + entry.getKey(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while creating topic " + entry.getKey(), e);
            }
        }
        return created;
    }
}
