package com.example.analytics.trend;

import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.streams.InputProgress;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.trend.query.TrendQueries;
import com.example.analytics.trend.query.TrendQueries.TrendHistory;
import com.example.analytics.trend.query.TrendQueries.Trends;
import com.example.analytics.trend.streams.TrendTopology;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology and its queries into the runtime streams-support provides. */
@Configuration(proxyBeanMethods = false)
class TrendConfiguration {

    @Bean
    Topology trendTopology(TrendProperties properties, TopologyEnvironment env, InputProgress inputProgress) {
        return TrendTopology.build(properties, env, inputProgress);
    }

    /**
     * The counters of the actions the topology publishes, and of partial counts that arrive after their second was
     * judged, at 0 from the start.
     */
    @Bean
    CounterSeries trendCounterSeries() {
        return TrendTopology.COUNTERS;
    }

    @Bean
    TrendQueries trendQueries(TrendProperties properties, TopologyEnvironment env) {
        return new TrendQueries(properties, env.streamTime());
    }

    @Bean
    GlobalQuery<Trends> trendsQuery(TrendQueries queries) {
        return queries.all();
    }

    @Bean
    KeyQuery<TrendHistory> trendHistoryQuery(TrendQueries queries) {
        return queries.history();
    }
}
