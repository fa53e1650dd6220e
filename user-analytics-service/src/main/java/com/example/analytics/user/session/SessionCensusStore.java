package com.example.analytics.user.session;

import com.example.analytics.support.streams.HeapStoreBuilder;
import java.util.List;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * Makes a partition's {@link SessionCensus} visible to interactive queries. It is derived state, not a source of
 * truth: nothing is written to a changelog (so it adds no write per event); the session processor rebuilds it from
 * the restored sessions store whenever its task starts, including after a crash or a migration, and only then
 * marks it ready. Until then a query gets {@link InvalidStateStoreException}, which the router answers with 503.
 */
public final class SessionCensusStore implements StateStore, CensusView {

    /** The type to ask {@code KafkaStreams#store} for; with a partition given, it reads that partition's census. */
    public static final QueryableStoreType<CensusView> TYPE = new QueryableStoreType<>() {
        @Override
        public boolean accepts(StateStore stateStore) {
            return stateStore instanceof SessionCensusStore;
        }

        @Override
        public CensusView create(StateStoreProvider provider, String storeName) {
            return () -> {
                List<CensusView> stores = provider.stores(storeName, this);
                if (stores.size() == 1) {
                    return stores.get(0).snapshot();
                }
                long gapSeconds = stores.isEmpty() ? 0 : ((SessionCensusStore) stores.get(0)).census.gapSeconds();
                return CensusSnapshot.merge(stores.stream().map(CensusView::snapshot).toList(), gapSeconds);
            };
        }
    };

    private final String name;
    private final SessionCensus census;
    private volatile boolean open;
    private volatile boolean ready;

    private SessionCensusStore(String name, long gapSeconds) {
        this.name = name;
        this.census = new SessionCensus(gapSeconds);
    }

    public static StoreBuilder<SessionCensusStore> builder(String name, long gapSeconds) {
        return new HeapStoreBuilder<>(name, () -> new SessionCensusStore(name, gapSeconds));
    }

    /** The census to update; the stream thread calls {@link #ready()} once it has been rebuilt. */
    public SessionCensus census() {
        return census;
    }

    public void ready() {
        ready = true;
    }

    @Override
    public CensusSnapshot snapshot() {
        if (!open || !ready) {
            throw new InvalidStateStoreException("the session census of " + name + " is being rebuilt");
        }
        return census.snapshot();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        ready = false;
        census.clear();
        // No changelog, so nothing to restore; registering is still how a store joins its task.
        context.register(root, (key, value) -> {
        });
        open = true;
    }

    @Override
    public void flush() {
        // Derived state: nothing to persist.
    }

    @Override
    public void close() {
        open = false;
        ready = false;
        census.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }
}
