package com.example.analytics.user;

import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.user.query.RecentSessions;
import com.example.analytics.user.query.SessionView;
import com.example.analytics.user.query.UserAnalyticsQueryService;
import com.example.analytics.user.query.UserSessionQueries;
import com.example.analytics.user.session.CensusSnapshot;
import com.example.analytics.user.session.SessionRules;
import com.example.analytics.user.topology.UserAnalyticsTopology;
import com.example.analytics.user.web.UserAnalyticsController;
import org.apache.kafka.streams.Topology;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the topology, its queries and the REST API from {@link UserAnalyticsProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UserAnalyticsProperties.class)
public class UserAnalyticsConfiguration {

    @Bean
    Topology userAnalyticsTopology(UserAnalyticsProperties props, TopologyEnvironment env) {
        return UserAnalyticsTopology.build(props, env);
    }

    /** The counters of the actions the topology publishes, at 0 from the start. */
    @Bean
    CounterSeries userAnalyticsCounterSeries() {
        return UserAnalyticsTopology.COUNTERS;
    }

    @Bean
    UserSessionQueries userSessionQueries(UserAnalyticsProperties props, TopologyEnvironment env,
                                          StreamTime streamTime) {
        return new UserSessionQueries(streamTime, SessionRules.of(props, env.grace()).gapSeconds(),
                props.defaultSessionsLimit(), props.maxSessionsPerUser());
    }

    @Bean
    KeyQuery<SessionView> currentSessionQuery(UserSessionQueries queries) {
        return queries.currentQuery();
    }

    @Bean
    KeyQuery<RecentSessions> recentSessionsQuery(UserSessionQueries queries) {
        return queries.recentQuery();
    }

    @Bean
    GlobalQuery<CensusSnapshot> sessionCensusQuery(UserSessionQueries queries) {
        return queries.censusQuery();
    }

    @Bean
    UserAnalyticsQueryService userAnalyticsQueryService(QueryRouter router, UserSessionQueries queries) {
        return new UserAnalyticsQueryService(router, queries);
    }

    @Bean
    UserAnalyticsController userAnalyticsController(UserAnalyticsQueryService queries, QueryResponses responses) {
        return new UserAnalyticsController(queries, responses);
    }
}
