package com.example.analytics.support.query;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The queries a service offers, by name, as its configuration declared them. */
public final class QueryRegistry {

    private final Map<String, KeyQuery<?>> keyQueries;
    private final Map<String, GlobalQuery<?>> globalQueries;

    public QueryRegistry(List<KeyQuery<?>> keyQueries, List<GlobalQuery<?>> globalQueries) {
        this.keyQueries = keyQueries.stream().collect(Collectors.toUnmodifiableMap(KeyQuery::name, Function.identity()));
        this.globalQueries = globalQueries.stream()
                .collect(Collectors.toUnmodifiableMap(GlobalQuery::name, Function.identity()));
    }

    public Optional<KeyQuery<?>> keyQuery(String name) {
        return Optional.ofNullable(keyQueries.get(name));
    }

    public Optional<GlobalQuery<?>> globalQuery(String name) {
        return Optional.ofNullable(globalQueries.get(name));
    }
}
