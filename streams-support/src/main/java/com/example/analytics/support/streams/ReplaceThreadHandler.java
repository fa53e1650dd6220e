package com.example.analytics.support.streams;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dying stream thread is replaced, loudly. If threads keep dying (more than {@code maxReplacements} within
 * {@code window}) the failure is not transient: the client shuts down, liveness turns DOWN and the orchestrator
 * restarts the instance instead of it spinning forever.
 */
public final class ReplaceThreadHandler implements StreamsUncaughtExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ReplaceThreadHandler.class);

    private final int maxReplacements;
    private final Duration window;
    private final Clock clock;
    private final Runnable onReplace;
    private final Deque<Long> recent = new ArrayDeque<>();

    public ReplaceThreadHandler(int maxReplacements, Duration window, Clock clock, Runnable onReplace) {
        this.maxReplacements = maxReplacements;
        this.window = window;
        this.clock = clock;
        this.onReplace = onReplace;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        long now = clock.millis();
        while (!recent.isEmpty() && recent.peekFirst() < now - window.toMillis()) {
            recent.removeFirst();
        }
        if (recent.size() >= maxReplacements) {
            log.error("STREAM THREAD DIED {} times within {}; shutting the client down so the instance is restarted",
                    recent.size() + 1, window, exception);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        recent.addLast(now);
        onReplace.run();
        log.error("STREAM THREAD DIED and is being replaced ({} in the last {})", recent.size(), window, exception);
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }
}
