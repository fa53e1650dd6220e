package com.example.analytics.support.query;

import org.apache.kafka.streams.state.QueryableStoreType;

/**
 * A view of the local state stores of one partition. Reads may throw Kafka Streams'
 * {@code InvalidStateStoreException} while the store migrates; the router turns that into "not ready".
 */
@FunctionalInterface
public interface StoreAccess {

    <S> S store(String storeName, QueryableStoreType<S> type);
}
