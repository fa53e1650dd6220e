package com.example.analytics.support.testapp;

import com.example.analytics.support.query.GlobalQuery;
import com.example.analytics.support.query.KeyQuery;
import com.example.analytics.support.query.QueryRouter;
import com.example.analytics.support.streams.TopologyEnvironment;
import com.example.analytics.support.web.BadRequestResponse;
import com.example.analytics.support.web.GlobalAnswer;
import com.example.analytics.support.web.GlobalQueryResponses;
import com.example.analytics.support.web.IdParameter;
import com.example.analytics.support.web.KeyAnswer;
import com.example.analytics.support.web.KeyQueryResponses;
import com.example.analytics.support.web.Limit;
import com.example.analytics.support.web.QueryResponses;
import com.example.analytics.support.web.RequestParams;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A service built the way the real four are, around {@link CountingTopology}. */
@SpringBootApplication
public class CountingApplication {

    public record UserCount(String userId, long count) {
    }

    public record Totals(long users, long events, List<UserCount> top) {
    }

    @Bean
    Topology topology(TopologyEnvironment env) {
        return CountingTopology.build(env);
    }

    @Bean
    KeyQuery<UserCount> countQuery() {
        return new KeyQuery<>("count", CountingTopology.STORE, UserCount.class, (stores, key, params) ->
                Optional.ofNullable(counts(stores.store(CountingTopology.STORE,
                        QueryableStoreTypes.keyValueStore()), key)).map(count -> new UserCount(key, count)));
    }

    @Bean
    GlobalQuery<Totals> totalsQuery() {
        return new GlobalQuery<>("totals", CountingTopology.STORE, Totals.class, (stores, params) -> {
            ReadOnlyKeyValueStore<String, Long> store = stores.store(CountingTopology.STORE,
                    QueryableStoreTypes.keyValueStore());
            long users = 0;
            long events = 0;
            List<UserCount> all = new java.util.ArrayList<>();
            try (KeyValueIterator<String, Long> it = store.all()) {
                while (it.hasNext()) {
                    KeyValue<String, Long> next = it.next();
                    users++;
                    events += next.value;
                    all.add(new UserCount(next.key, next.value));
                }
            }
            return new Totals(users, events, top(all.stream(), params));
        }, (partials, params) -> new Totals(
                partials.stream().mapToLong(Totals::users).sum(),
                partials.stream().mapToLong(Totals::events).sum(),
                top(partials.stream().flatMap(t -> t.top().stream()), params)));
    }

    private static List<UserCount> top(Stream<UserCount> counts, Map<String, String> params) {
        int limit = Integer.parseInt(params.getOrDefault("limit", "3"));
        return counts.sorted(Comparator.comparingLong(UserCount::count).reversed()
                .thenComparing(UserCount::userId)).limit(limit).toList();
    }

    private static Long counts(ReadOnlyKeyValueStore<String, Long> store, String key) {
        return store.get(key);
    }

    @RestController
    static class CountController {
        private final QueryRouter router;
        private final QueryResponses responses;
        private final KeyQuery<UserCount> countQuery;
        private final GlobalQuery<Totals> totalsQuery;

        CountController(QueryRouter router, QueryResponses responses, KeyQuery<UserCount> countQuery,
                        GlobalQuery<Totals> totalsQuery) {
            this.router = router;
            this.responses = responses;
            this.countQuery = countQuery;
            this.totalsQuery = totalsQuery;
        }

        @GetMapping("/api/counts/{userId}")
        @KeyQueryResponses
        KeyAnswer<UserCount> count(@PathVariable @IdParameter String userId) {
            return responses.forKey(router.byKey(countQuery, RequestParams.id("userId", userId), Map.of()));
        }

        @GetMapping("/api/counts")
        @GlobalQueryResponses
        @BadRequestResponse
        GlobalAnswer<Totals> totals(@Limit(defaultValue = "3", max = "100") int limit) {
            return responses.forGlobal(router.global(totalsQuery, Map.of("limit", Integer.toString(limit))));
        }
    }
}
