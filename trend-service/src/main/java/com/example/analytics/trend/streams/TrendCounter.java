package com.example.analytics.trend.streams;

import com.example.analytics.model.Action;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.trend.TrendProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Sums partial counts per trend key and evaluates the spike rule: events in the trailing window divided by its
 * minutes above the threshold fires {@code event_spike} on the rising edge.
 *
 * <p>The rule is evaluated at the newest second the key has seen, not at each partial's own second: source tasks
 * flush independently, so partials of one second arrive interleaved with later seconds, and evaluating at their
 * own (earlier) times would make the condition flap and re-fire. A partial that arrives late still counts in the
 * window it belongs to.
 */
final class TrendCounter implements Processor<String, PartialCount, String, Action> {

    static final String ACTION_TYPE = "event_spike";
    /** Partial counts of a second can arrive after later seconds (tasks flush independently); keep some slack. */
    private static final long SLACK_SECONDS = 60;

    private final TrendProperties properties;
    private final TopologyEnvironment env;
    private final long keepSeconds;
    private ProcessorContext<String, Action> context;
    private KeyValueStore<String, TrendState> trends;

    TrendCounter(TrendProperties properties, TopologyEnvironment env) {
        this.properties = properties;
        this.env = env;
        this.keepSeconds = properties.windowSeconds() + env.grace().toSeconds() + SLACK_SECONDS;
    }

    @Override
    public void init(ProcessorContext<String, Action> context) {
        this.context = context;
        trends = context.getStateStore(TrendTopology.TRENDS_STORE);
    }

    @Override
    public void process(Record<String, PartialCount> record) {
        PartialCount partial = record.value();
        TrendState state = trends.get(partial.trendKey());
        if (state == null) {
            state = new TrendState();
        }
        long second = partial.second();
        long minute = Math.floorDiv(second, 60);
        state.seconds.add(second, Math.toIntExact(partial.count()));
        state.minutes.add(minute, Math.toIntExact(partial.count()));
        state.seconds.pruneBefore(state.seconds.newestSecond() - keepSeconds);
        state.minutes.pruneBefore(state.minutes.newestSecond() - properties.baselineMinutes());

        long at = state.seconds.newestSecond();
        long windowEvents = state.eventsInWindowEndingAt(at, properties.windowSeconds());
        double perMinute = windowEvents / properties.windowMinutes();
        boolean spiking = perMinute > properties.threshold();
        if (spiking && !state.spiking) {
            long eventTime = at * 1000;
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("trend_key", partial.trendKey());
            data.put("events_per_minute", perMinute);
            data.put("window_events", windowEvents);
            data.put("baseline_events_per_minute", baselinePerMinute(state, Math.floorDiv(at, 60)));
            context.forward(new Record<>(partial.trendKey(), env.action(ACTION_TYPE, null, partial.trendKey(),
                    Long.toString(eventTime), eventTime, data), eventTime));
        }
        state.spiking = spiking;
        trends.put(partial.trendKey(), state);
    }

    private double baselinePerMinute(TrendState state, long minute) {
        return state.eventsInMinutesEndingAt(minute, properties.baselineMinutes())
                / (double) properties.baselineMinutes();
    }
}
