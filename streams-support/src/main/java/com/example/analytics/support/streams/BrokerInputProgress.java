package com.example.analytics.support.streams;

import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InputProgress} as the broker sees it: the application's committed offset against the partition's end,
 * checked in the background for the partitions asked about, so a stream thread never waits for the broker. The
 * answer is at most one refresh interval plus one commit interval old.
 */
public final class BrokerInputProgress implements InputProgress, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BrokerInputProgress.class);

    private final Admin admin;
    private final String applicationId;
    private final Duration timeout;
    private final ScheduledExecutorService refresher;
    private final Set<TopicPartition> asked = ConcurrentHashMap.newKeySet();
    private volatile Set<TopicPartition> consumed = Set.of();

    public BrokerInputProgress(Map<String, Object> adminConfig, String applicationId, Duration interval) {
        this.admin = Admin.create(adminConfig);
        this.applicationId = applicationId;
        this.timeout = interval.multipliedBy(4);
        this.refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, applicationId + "-input-progress");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean consumedToEnd(TopicPartition partition) {
        asked.add(partition);
        return consumed.contains(partition);
    }

    private void refresh() {
        if (asked.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                    .partitionsToOffsetAndMetadata().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Map<TopicPartition, ListOffsetsResultInfo> ends = offsets(OffsetSpec.latest());
            Map<TopicPartition, ListOffsetsResultInfo> starts = offsets(OffsetSpec.earliest());
            Set<TopicPartition> done = new HashSet<>();
            ends.forEach((partition, end) -> {
                OffsetAndMetadata position = committed.get(partition);
                // Never committed: done only if there is nothing to read (Kafka Streams commits nothing before).
                long from = position == null ? starts.get(partition).offset() : position.offset();
                if (from >= end.offset()) {
                    done.add(partition);
                }
            });
            consumed = Set.copyOf(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            // Not knowing means nobody is taken for done.
            consumed = Set.of();
            log.warn("Could not compare committed and end offsets of {}: {}", asked, e.toString());
        }
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(OffsetSpec spec)
            throws InterruptedException, ExecutionException, TimeoutException {
        Map<TopicPartition, OffsetSpec> request = asked.stream()
                .collect(Collectors.toMap(Function.identity(), partition -> spec));
        return admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        admin.close(timeout);
    }
}
