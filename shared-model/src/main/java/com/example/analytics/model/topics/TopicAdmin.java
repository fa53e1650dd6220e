package com.example.analytics.model.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

/** Idempotent creation of catalogue topics, shared by every service, the launcher and the load generator. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /**
     * Creates whichever of {@code topics} do not exist yet; existing topics are left as they are. Returns once every
     * partition of the created topics is served by its leader, so a producer can write to them at once.
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
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> created = new ArrayList<>();
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
        awaitServed(admin, created, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return created;
    }

    /**
     * For a moment after creation returned, a new partition's leader can still refuse writes with
     * NOT_LEADER_OR_FOLLOWER. An idempotent producer writing in that moment can have a later batch accepted before its
     * first one is retried, and then retries the first one forever (OUT_OF_ORDER_SEQUENCE_NUMBER): the load generator
     * hung that way when it wrote right after the launcher or a benchmark created the topics. A leader answers
     * ListOffsets only once it serves the partition, and the admin client retries until it does.
     */
    private static void awaitServed(Admin admin, List<String> created, Duration timeout) {
        if (created.isEmpty()) {
            return;
        }
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            admin.describeTopics(created).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .forEach((topic, description) -> description.partitions()
                            .forEach(partition -> partitions.add(new TopicPartition(topic, partition.partition()))));
            admin.listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                    partition -> OffsetSpec.latest()))).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Topics " + created + " were created but their partitions were not "
                    + "served by a leader within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the leaders of " + created, e);
        }
    }
}
