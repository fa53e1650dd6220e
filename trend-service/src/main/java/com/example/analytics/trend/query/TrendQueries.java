package com.example.analytics.trend.query;

import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.window.SecondCounts;
import com.example.analytics.trend.TrendProperties;
import com.example.analytics.trend.streams.TrendState;
import com.example.analytics.trend.streams.TrendTopology;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** The trend service's interactive queries; rates are taken at the instance's stream time. */
public final class TrendQueries {

    private final TrendProperties properties;
    private final StreamTime streamTime;

    public TrendQueries(TrendProperties properties, StreamTime streamTime) {
        this.properties = properties;
        this.streamTime = streamTime;
    }

    public record Trend(String trendKey, double eventsPerMinute, long windowEvents, double baselineEventsPerMinute,
                        boolean spiking) {
    }

    public record Trends(List<Trend> trends) {
    }

    /** {@code minute} is the epoch second the minute starts at. */
    public record MinuteCount(long minute, long events) {
    }

    public record TrendHistory(String trendKey, List<MinuteCount> perMinute, double eventsPerMinute,
                               double baselineEventsPerMinute) {
    }

    public GlobalQuery<Trends> all() {
        return new GlobalQuery<>("trends", TrendTopology.TRENDS_STORE, Trends.class, (stores, params) -> {
            ReadOnlyKeyValueStore<String, TrendState> trends = stores.store(TrendTopology.TRENDS_STORE,
                    QueryableStoreTypes.keyValueStore());
            long now = nowSecond();
            List<Trend> result = new ArrayList<>();
            try (KeyValueIterator<String, TrendState> it = trends.all()) {
                while (it.hasNext()) {
                    KeyValue<String, TrendState> entry = it.next();
                    result.add(trend(entry.key, entry.value, now));
                }
            }
            return new Trends(result);
        }, (partials, params) -> new Trends(partials.stream().flatMap(partial -> partial.trends().stream())
                .sorted(Comparator.comparingDouble(Trend::eventsPerMinute).reversed()
                        .thenComparing(Trend::trendKey)).toList()));
    }

    public KeyQuery<TrendHistory> history() {
        return new KeyQuery<>("trend", TrendTopology.TRENDS_STORE, TrendHistory.class, (stores, trendKey, params) -> {
            ReadOnlyKeyValueStore<String, TrendState> trends = stores.store(TrendTopology.TRENDS_STORE,
                    QueryableStoreTypes.keyValueStore());
            return Optional.ofNullable(trends.get(trendKey)).map(state -> history(trendKey, state, nowSecond()));
        });
    }

    private Trend trend(String trendKey, TrendState state, long nowSecond) {
        long windowEvents = state.eventsInWindowEndingAt(nowSecond, properties.windowSeconds());
        double perMinute = windowEvents / properties.windowMinutes();
        return new Trend(trendKey, perMinute, windowEvents, baseline(state, nowSecond),
                perMinute > properties.threshold());
    }

    private TrendHistory history(String trendKey, TrendState state, long nowSecond) {
        long nowMinute = Math.floorDiv(nowSecond, 60);
        List<MinuteCount> perMinute = new ArrayList<>();
        for (long minute = nowMinute - properties.baselineMinutes() + 1; minute <= nowMinute; minute++) {
            perMinute.add(new MinuteCount(minute * 60, state.eventsInMinute(minute)));
        }
        return new TrendHistory(trendKey, perMinute,
                state.eventsInWindowEndingAt(nowSecond, properties.windowSeconds()) / properties.windowMinutes(),
                baseline(state, nowSecond));
    }

    private double baseline(TrendState state, long nowSecond) {
        return state.eventsInMinutesEndingAt(Math.floorDiv(nowSecond, 60), properties.baselineMinutes())
                / (double) properties.baselineMinutes();
    }

    private long nowSecond() {
        return SecondCounts.secondOf(streamTime.millis().orElse(0));
    }
}
