package com.example.analytics.trend.streams;

import com.example.analytics.model.Action;
import com.example.analytics.support.progress.SourceFrontier;
import com.example.analytics.support.progress.SourceProgress;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.trend.TrendProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums partial counts per trend key and evaluates the spike rule: events in the trailing window divided by its
 * minutes above the threshold fires {@code event_spike} on the rising edge.
 *
 * <p>Partial counts of one second come from every source task, each at its own pace. The rule is therefore
 * evaluated only for seconds every source is done with ({@link SourceFrontier}), and then at every second that had
 * events of the key, in order: the same decisions as evaluating at each event, whatever order the partials arrived
 * in, so a replay gives the same actions.
 */
final class TrendCounter implements Processor<String, TrendUpdate, String, Action> {

    static final String ACTION_TYPE = "event_spike";
    /** Where late partial counts are reported: they count in the totals but came after their second was judged. */
    static final String LATE_PARTIALS = "trend-partial-counts";
    /** The progress store also keeps how far the rule has been judged, under a key no task id can have. */
    private static final String FRONTIER_KEY = "frontier";

    private final TrendProperties properties;
    private final TopologyEnvironment env;
    private ProcessorContext<String, Action> context;
    private KeyValueStore<String, TrendState> trends;
    private KeyValueStore<String, SourceProgress> progress;
    private SourceFrontier frontier;

    TrendCounter(TrendProperties properties, TopologyEnvironment env) {
        this.properties = properties;
        this.env = env;
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        trends = context.getStateStore(TrendTopology.TRENDS_STORE);
        progress = context.getStateStore(TrendTopology.PROGRESS_STORE);
        SourceProgress judged = progress.get(FRONTIER_KEY);
        frontier = new SourceFrontier(properties.idleSourceTimeout().toMillis(),
                judged == null ? SourceFrontier.NONE : judged.completeThrough());
        try (KeyValueIterator<String, SourceProgress> sources = progress.all()) {
            sources.forEachRemaining(source -> {
                if (!source.key.equals(FRONTIER_KEY)) {
                    frontier.report(source.value);
                }
            });
        }
        // Sources that stop reporting are only left out after a timeout, which needs a clock of its own.
        context.schedule(properties.flushInterval(), PunctuationType.WALL_CLOCK_TIME, this::evaluateUpToFrontier);
    }

    @Override
    public void process(Record<String, TrendUpdate> record) {
        if (record.value() instanceof PartialCount partial) {
            add(partial);
        } else if (record.value() instanceof TrendUpdate.Progress update) {
            SourceProgress sourceProgress = update.progress();
            if (frontier.report(sourceProgress)) {
                progress.put(sourceProgress.source(), sourceProgress);
            }
            evaluateUpToFrontier(context.currentSystemTimeMs());
        }
    }

    private void add(PartialCount partial) {
        TrendState state = trends.get(partial.trendKey());
        if (state == null) {
            state = new TrendState();
        }
        int count = Math.toIntExact(partial.count());
        state.seconds.add(partial.second(), count);
        state.minutes.add(Math.floorDiv(partial.second(), 60), count);
        if (partial.second() <= frontier.frontier()) {
            env.metrics().late(LATE_PARTIALS);
            judgeAgain(partial.trendKey(), state, partial.second());
        }
        // Seconds after the frontier still need their whole window, and queries the window before the newest second;
        // before the first frontier nothing has been judged, so nothing may go.
        if (frontier.frontier() != SourceFrontier.NONE) {
            long judged = Math.min(frontier.frontier(), state.seconds.newestSecond());
            state.seconds.pruneBefore(judged - properties.windowSeconds() + 1);
        }
        state.minutes.pruneBefore(state.minutes.newestSecond() - properties.baselineMinutes());
        trends.put(partial.trendKey(), state);
    }

    private void evaluateUpToFrontier(long nowMs) {
        long from = frontier.frontier();
        long to = frontier.advance(nowMs);
        if (to == from) {
            return;
        }
        progress.put(FRONTIER_KEY, new SourceProgress(FRONTIER_KEY, to, false));
        List<KeyValue<String, TrendState>> all = new ArrayList<>();
        try (KeyValueIterator<String, TrendState> it = trends.all()) {
            it.forEachRemaining(all::add);
        }
        for (KeyValue<String, TrendState> trend : all) {
            boolean wasSpiking = trend.value.spiking;
            long lastSpike = trend.value.lastSpikeSecond;
            // Seconds are evaluated after 'from': NONE + 1 cannot overflow, MIN_VALUE is never a real second.
            trend.value.seconds.forEachSecondBetween(from + 1, to, second -> evaluate(trend.key, trend.value, second));
            // A spike can begin and end within one advance, so the edge state alone does not say what changed.
            if (trend.value.spiking != wasSpiking || trend.value.lastSpikeSecond != lastSpike) {
                trends.put(trend.key, trend.value);
            }
        }
    }

    /**
     * A count that arrives after its second was judged (its source was left out as idle, or caught up slower than
     * the others) belongs to windows that were judged without it. Those windows are judged again, and a spike found
     * there is reported at its second: late, but not lost. A spike reported within one window of that second is the
     * same spike and is not reported twice.
     */
    private void judgeAgain(String trendKey, TrendState state, long second) {
        int window = properties.windowSeconds();
        long lastJudged = Math.min(frontier.frontier(), second + window - 1);
        boolean[] reported = {false};
        state.seconds.forEachSecondBetween(second, lastJudged, candidate -> {
            boolean sameSpike = state.lastSpikeSecond != TrendState.NO_SPIKE
                    && Math.abs(candidate - state.lastSpikeSecond) < window;
            if (!reported[0] && !sameSpike && spikeAt(trendKey, state, candidate)) {
                reported[0] = true;
                // The frontier's next evaluation decides whether the spike is still going on.
                state.spiking = true;
            }
        });
    }

    private void evaluate(String trendKey, TrendState state, long second) {
        if (state.spiking) {
            state.spiking = isAbove(state, second);
        } else {
            state.spiking = spikeAt(trendKey, state, second);
        }
    }

    private boolean isAbove(TrendState state, long second) {
        return state.eventsInWindowEndingAt(second, properties.windowSeconds()) / properties.windowMinutes()
                > properties.threshold();
    }

    /** Whether the key is above the threshold at {@code second}; if so, reports the spike as beginning there. */
    private boolean spikeAt(String trendKey, TrendState state, long second) {
        long windowEvents = state.eventsInWindowEndingAt(second, properties.windowSeconds());
        double perMinute = windowEvents / properties.windowMinutes();
        boolean spiking = perMinute > properties.threshold();
        if (spiking) {
            state.lastSpikeSecond = second;
            long eventTime = second * 1000;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("trend_key", trendKey);
            data.put("events_per_minute", perMinute);
            data.put("window_events", windowEvents);
            data.put("baseline_events_per_minute", baselinePerMinute(state, Math.floorDiv(second, 60)));
            context.forward(new Record<>(trendKey, env.action(ACTION_TYPE, null, trendKey,
                    Long.toString(eventTime), eventTime, data), eventTime));
        }
        return spiking;
    }

    private double baselinePerMinute(TrendState state, long minute) {
        return state.eventsInMinutesEndingAt(minute, properties.baselineMinutes())
                / (double) properties.baselineMinutes();
    }
}
