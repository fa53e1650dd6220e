package com.example.analytics.support.progress;

import java.util.HashMap;
import java.util.Map;

/**
 * The newest event-time point that every source task is done with ({@link SourceProgress}): what is re-keyed
 * downstream of several source tasks is judged (a rule evaluated, a window closed) up to it and no further, so the
 * outcome depends on the records of all partitions, however far apart the source tasks are while catching up,
 * and a replay of the same input gives the same outcome.
 *
 * <p>A source that is not heard from (a task being moved, an instance being replaced) is waited for. A source that
 * says it is idle (an empty partition, a quiet one) is waited for only {@code idleTimeoutMs} of wall-clock time
 * after the others have moved past it, then left out until it reports progress again, like Kafka Streams' own
 * {@code max.task.idle.ms}. What it sends later for points already judged is late for the caller to handle.
 */
public final class SourceFrontier {

    /** Nothing is complete yet. */
    public static final long NONE = Long.MIN_VALUE;

    private final long idleTimeoutMs;
    private final Map<String, SourceProgress> sources = new HashMap<>();
    private final Map<String, Long> laggingSince = new HashMap<>();
    private long frontier;

    /** @param frontier how far was already judged (restored from a store), or {@link #NONE} */
    public SourceFrontier(long idleTimeoutMs, long frontier) {
        this.idleTimeoutMs = idleTimeoutMs;
        this.frontier = frontier;
    }

    /**
     * Records a source's progress; returns whether anything changed. A source never moves back, but it may fall
     * idle or wake up at the same point.
     */
    public boolean report(SourceProgress progress) {
        SourceProgress previous = sources.get(progress.source());
        if (previous != null && (previous.completeThrough() > progress.completeThrough()
                || previous.equals(progress))) {
            return false;
        }
        sources.put(progress.source(), progress);
        if (previous == null || progress.completeThrough() > previous.completeThrough()) {
            laggingSince.remove(progress.source());
        }
        return true;
    }

    /** Moves the frontier as far as the sources allow at wall-clock time {@code nowMs}; it never moves back. */
    public long advance(long nowMs) {
        long newest = NONE;
        for (SourceProgress source : sources.values()) {
            newest = Math.max(newest, source.completeThrough());
        }
        long slowestAwaited = newest;
        for (SourceProgress source : sources.values()) {
            if (source.completeThrough() < newest) {
                long since = laggingSince.computeIfAbsent(source.source(), key -> nowMs);
                boolean leftOut = source.idle() && nowMs - since >= idleTimeoutMs;
                if (!leftOut) {
                    slowestAwaited = Math.min(slowestAwaited, source.completeThrough());
                }
            }
        }
        frontier = Math.max(frontier, slowestAwaited);
        return frontier;
    }

    public long frontier() {
        return frontier;
    }
}
