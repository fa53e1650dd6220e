package com.example.analytics.trend.streams;

import com.example.analytics.model.Action;
import com.example.analytics.support.progress.SourceFrontier;
import com.example.analytics.support.progress.SourceProgress;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.streams.WriteBehindCache;
import com.example.analytics.support.window.SecondCounts;
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
 * <p>A source's counts of one flush come as one record per key, applied in one update of the key's state. The few
 * hot keys' states stay on the heap ({@link WriteBehindCache}) and are written to their store once per commit.
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
    /** Every key of the task: never trimmed, as the rule is judged for all of them when the frontier moves. */
    private WriteBehindCache<String, TrendState> trends;
    private KeyValueStore<String, SourceProgress> progress;
    private SourceFrontier frontier;

    TrendCounter(TrendProperties properties, TopologyEnvironment env) {
        this.properties = properties;
        this.env = env;
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        KeyValueStore<String, TrendState> stored = context.getStateStore(TrendTopology.TRENDS_STORE);
        trends = context.getStateStore(TrendTopology.TRENDS_CACHE);
        trends.attach(stored::get, (key, state) -> {
            if (state == null) {
                stored.delete(key);
            } else {
                stored.put(key, state);
            }
        });
        try (KeyValueIterator<String, TrendState> all = stored.all()) {
            all.forEachRemaining(entry -> trends.get(entry.key));
        }
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
        if (record.value() instanceof PartialCounts partial) {
            add(partial.trendKey(), partial.toSecondCounts());
        } else if (record.value() instanceof PartialCount legacy) {
            SecondCounts counts = new SecondCounts();
            counts.add(legacy.second(), Math.toIntExact(legacy.count()));
            add(legacy.trendKey(), counts);
        } else if (record.value() instanceof TrendUpdate.Progress update) {
            SourceProgress sourceProgress = update.progress();
            if (frontier.report(sourceProgress)) {
                progress.put(sourceProgress.source(), sourceProgress);
            }
            evaluateUpToFrontier(context.currentSystemTimeMs());
        }
    }

    private void add(String trendKey, SecondCounts partial) {
        TrendState state = trends.get(trendKey);
        if (state == null) {
            state = new TrendState();
        }
        TrendState updated = state;
        long judged = frontier.frontier();
        SecondCounts perMinute = new SecondCounts();
        partial.forEach((second, count) -> perMinute.add(Math.floorDiv(second, 60), count));
        state.seconds.addAll(partial);
        state.minutes.addAll(perMinute);
        // Seconds after the frontier are judged when it reaches them; those before it were judged without these
        // counts. Each window judged again ends at or after its late second, so adding all first changes nothing.
        partial.forEachSecondBetween(Long.MIN_VALUE, judged, second -> {
            env.metrics().late(LATE_PARTIALS);
            judgeAgain(trendKey, updated, second);
        });
        // Seconds after the frontier still need their whole window, and queries the window before the newest second;
        // before the first frontier nothing has been judged, so nothing may go.
        if (judged != SourceFrontier.NONE) {
            state.seconds.pruneBefore(Math.min(judged, state.seconds.newestSecond()) - properties.windowSeconds() + 1);
        }
        state.minutes.pruneBefore(state.minutes.newestSecond() - properties.baselineMinutes());
        trends.put(trendKey, state);
    }

    private void evaluateUpToFrontier(long nowMs) {
        long from = frontier.frontier();
        long to = frontier.advance(nowMs);
        if (to == from) {
            return;
        }
        progress.put(FRONTIER_KEY, new SourceProgress(FRONTIER_KEY, to, false));
        List<KeyValue<String, TrendState>> all = new ArrayList<>();
        trends.forEach((key, state) -> all.add(KeyValue.pair(key, state)));
        for (KeyValue<String, TrendState> trend : all) {
            boolean wasSpiking = trend.value.spiking;
            long lastSpike = trend.value.lastSpikeSecond;
            // Seconds are evaluated after 'from': NONE + 1 cannot overflow, MIN_VALUE is never a real second.
            trend.value.seconds.forEachWindowBetween(from + 1, to, properties.windowSeconds(),
                    (second, windowEvents) -> evaluate(trend.key, trend.value, second, windowEvents));
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
        state.seconds.forEachWindowBetween(second, lastJudged, window, (candidate, windowEvents) -> {
            boolean sameSpike = state.lastSpikeSecond != TrendState.NO_SPIKE
                    && Math.abs(candidate - state.lastSpikeSecond) < window;
            if (!reported[0] && !sameSpike && spikeAt(trendKey, state, candidate, windowEvents)) {
                reported[0] = true;
                // The frontier's next evaluation decides whether the spike is still going on.
                state.spiking = true;
            }
        });
    }

    private void evaluate(String trendKey, TrendState state, long second, long windowEvents) {
        if (state.spiking) {
            state.spiking = windowEvents / properties.windowMinutes() > properties.threshold();
        } else {
            state.spiking = spikeAt(trendKey, state, second, windowEvents);
        }
    }

    /**
     * Whether the key is above the threshold at {@code second}, with {@code windowEvents} in the window ending there;
     * if so, reports the spike as beginning there.
     */
    private boolean spikeAt(String trendKey, TrendState state, long second, long windowEvents) {
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
