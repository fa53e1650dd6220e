package com.example.analytics.support.progress;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Partitions a repartition topic that carries both data and {@link SourceProgress}: data goes to its key's
 * partition, progress to every partition, since every downstream task waits for every source.
 */
public final class EveryPartition {

    private EveryPartition() {
    }

    /** Records for which {@code toEvery} holds go to every partition, the others by their key as usual. */
    public static <K, V> StreamPartitioner<K, V> when(Predicate<? super V> toEvery) {
        return (topic, key, value, partitions) -> toEvery.test(value) ? Optional.of(all(partitions)) : Optional.empty();
    }

    private static Set<Integer> all(int partitions) {
        return IntStream.range(0, partitions).boxed().collect(Collectors.toSet());
    }
}
