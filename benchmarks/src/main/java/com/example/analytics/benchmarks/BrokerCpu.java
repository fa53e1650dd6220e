package com.example.analytics.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU of this JVM's threads that belong to no candidate, over an interval: the embedded broker (request handlers,
 * log appends, transactions, replication of changelog and repartition writes) and the harness's own few clients.
 * What a candidate saves by making the broker work harder shows up here, beside its own CPU.
 */
final class BrokerCpu {

    /** Every candidate's application id and consumer group starts with this; its threads carry it in their names. */
    static final String CANDIDATE_PREFIX = "bench-";

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Map<Long, Long> atStart;

    private BrokerCpu(Map<Long, Long> atStart) {
        this.atStart = atStart;
    }

    static BrokerCpu start() {
        return new BrokerCpu(snapshot());
    }

    /** CPU nanoseconds of the non-candidate threads since {@link #start()}; a thread started since counts whole. */
    long nanosSinceStart() {
        long total = 0;
        for (Map.Entry<Long, Long> thread : snapshot().entrySet()) {
            total += thread.getValue() - atStart.getOrDefault(thread.getKey(), 0L);
        }
        return total;
    }

    private static Map<Long, Long> snapshot() {
        Map<Long, Long> cpu = new HashMap<>();
        for (ThreadInfo thread : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (thread != null && !thread.getThreadName().contains(CANDIDATE_PREFIX)) {
                long nanos = THREADS.getThreadCpuTime(thread.getThreadId());
                if (nanos >= 0) {
                    cpu.put(thread.getThreadId(), nanos);
                }
            }
        }
        return cpu;
    }
}
