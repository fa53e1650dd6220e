package com.example.analytics.fraud;

import com.example.analytics.fraud.query.FraudQueries;
import com.example.analytics.fraud.query.FraudQueries.RecentAlertList;
import com.example.analytics.fraud.query.FraudQueries.UserFraud;
import com.example.analytics.fraud.rules.FraudRule;
import com.example.analytics.fraud.rules.FraudRules;
import com.example.analytics.fraud.streams.FraudTopology;
import com.example.analytics.support.metrics.CounterSeries;
import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.streams.TopologyEnvironment;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the rules, the topology and its queries into the runtime streams-support provides. */
@Configuration(proxyBeanMethods = false)
class FraudConfiguration {

    @Bean
    List<FraudRule<?>> fraudRules(FraudProperties properties) {
        return FraudRules.from(properties);
    }

    @Bean
    Topology fraudTopology(List<FraudRule<?>> fraudRules, FraudProperties properties, TopologyEnvironment env) {
        return FraudTopology.build(fraudRules, properties.alerts(), env);
    }

    /** A counter of {@code potential_fraud} actions for each active rule, at 0 from the start. */
    @Bean
    CounterSeries fraudCounterSeries(List<FraudRule<?>> fraudRules) {
        return FraudTopology.counters(fraudRules);
    }

    @Bean
    FraudQueries fraudQueries(List<FraudRule<?>> fraudRules, TopologyEnvironment env) {
        return new FraudQueries(fraudRules, env.streamTime());
    }

    @Bean
    KeyQuery<UserFraud> fraudUserQuery(FraudQueries queries) {
        return queries.user();
    }

    @Bean
    GlobalQuery<RecentAlertList> recentAlertsQuery(FraudQueries queries) {
        return queries.recentAlerts();
    }
}
