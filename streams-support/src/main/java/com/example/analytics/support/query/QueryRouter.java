package com.example.analytics.support.query;

import com.example.analytics.support.streams.ManagedKafkaStreams;
import com.example.analytics.support.streams.StreamTime;
import com.example.analytics.support.streams.TopologyTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.TaskMetadata;
import org.apache.kafka.streams.ThreadMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsNotStartedException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientException;

/**
 * Answers interactive queries on any instance (DESIGN.md section 5). A key is read where its partition is active,
 * locally or over HTTP, and from a standby with {@code stale=true} when the active cannot answer. A global query
 * reads every partition where it is active and merges; unless the answers cover each partition of the store exactly
 * once (they may not while partitions move) the result is "not ready", never a partial or double-counted value.
 */
public class QueryRouter {

    /** The variable of {@link #KEY_TEMPLATE} and {@link #GLOBAL_TEMPLATE} that names the query. */
    public static final String QUERY_VARIABLE = "query";
    /** Where an instance answers a key query from its own stores; also the client's URI template. */
    public static final String KEY_TEMPLATE = "/internal/key/{" + QUERY_VARIABLE + "}";
    /** Where an instance answers a global query over its own active partitions. */
    public static final String GLOBAL_TEMPLATE = "/internal/global/{" + QUERY_VARIABLE + "}";
    public static final String KEY_PARAM = "key";
    public static final String STALE_PARAM = "stale";

    private static final Logger log = LoggerFactory.getLogger(QueryRouter.class);
    private static final Serializer<String> KEY_SERIALIZER = new StringSerializer();

    private final ManagedKafkaStreams runtime;
    private final TopologyTopics topics;
    private final InstanceClient client;
    private final StreamTime streamTime;
    private final Duration timeout;

    public QueryRouter(ManagedKafkaStreams runtime, TopologyTopics topics, InstanceClient client,
                       StreamTime streamTime, Duration timeout) {
        this.runtime = runtime;
        this.topics = topics;
        this.client = client;
        this.streamTime = streamTime;
        this.timeout = timeout;
    }

    /** Reads {@code key} wherever it lives. */
    public <T> QueryResult<T> byKey(KeyQuery<T> query, String key, Map<String, String> params) {
        Optional<KafkaStreams> streams = runtime.streams();
        if (streams.isEmpty()) {
            return new QueryResult.NotReady<>("Kafka Streams is not started");
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.get().queryMetadataForKey(query.storeName(), key, KEY_SERIALIZER);
        } catch (StreamsNotStartedException | IllegalStateException e) {
            return new QueryResult.NotReady<>("Kafka Streams is not running");
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new QueryResult.NotReady<>("partitions are being assigned");
        }
        HostInfo self = runtime.self();
        QueryResult<T> active = metadata.activeHost().equals(self)
                ? readLocal(query, key, metadata.partition(), false, params)
                : readRemote(metadata.activeHost(), query, key, false, params);
        if (!(active instanceof QueryResult.NotReady<T>)) {
            return active;
        }
        for (HostInfo standby : metadata.standbyHosts()) {
            QueryResult<T> fallback = standby.equals(self)
                    ? readLocal(query, key, metadata.partition(), true, params)
                    : readRemote(standby, query, key, true, params);
            // A standby may still be catching up (or be a fresh warm-up replica), so only what it has counts;
            // its "not found" proves nothing.
            if (fallback instanceof QueryResult.Found<T>) {
                return fallback;
            }
        }
        return active;
    }

    /** What the internal key endpoint answers: this instance's own copy of the key's partition, never a proxy. */
    public <T> QueryResult<T> byKeyHere(KeyQuery<T> query, String key, boolean stale, Map<String, String> params) {
        Optional<KafkaStreams> streams = runtime.streams();
        if (streams.isEmpty()) {
            return new QueryResult.NotReady<>("Kafka Streams is not started");
        }
        try {
            KeyQueryMetadata metadata = streams.get().queryMetadataForKey(query.storeName(), key, KEY_SERIALIZER);
            if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
                return new QueryResult.NotReady<>("partitions are being assigned");
            }
            return readLocal(query, key, metadata.partition(), stale, params);
        } catch (StreamsNotStartedException | IllegalStateException e) {
            return new QueryResult.NotReady<>("Kafka Streams is not running");
        }
    }

    /** Reads every partition of the query's store, wherever each is active, and merges. */
    public <T> QueryResult<T> global(GlobalQuery<T> query, Map<String, String> params) {
        Optional<KafkaStreams> streams = runtime.streams();
        if (streams.isEmpty()) {
            return new QueryResult.NotReady<>("Kafka Streams is not started");
        }
        Map<HostInfo, Set<Integer>> assignment;
        try {
            assignment = activePartitions(streams.get().metadataForAllStreamsClients(), query.storeName());
        } catch (StreamsNotStartedException | IllegalStateException e) {
            return new QueryResult.NotReady<>("Kafka Streams is not running");
        }
        Set<Integer> expected = new TreeSet<>();
        assignment.values().forEach(expected::addAll);
        if (expected.isEmpty()) {
            return new QueryResult.NotReady<>("no instance has partitions of " + query.storeName() + " yet");
        }
        Map<HostInfo, CompletableFuture<QueryResult<Envelope<T>>>> calls = new LinkedHashMap<>();
        for (HostInfo host : assignment.keySet()) {
            calls.put(host, host.equals(runtime.self())
                    ? CompletableFuture.completedFuture(globalHere(query, params))
                    : globalRemote(host, query, params));
        }
        List<Envelope<T>> answers = new ArrayList<>();
        for (var call : calls.entrySet()) {
            QueryResult<Envelope<T>> answer = await(call.getKey(), call.getValue());
            if (!(answer instanceof QueryResult.Found<Envelope<T>> found)) {
                return new QueryResult.NotReady<>(detail(answer));
            }
            answers.add(found.value());
        }
        Set<Integer> covered = new TreeSet<>();
        int count = 0;
        for (Envelope<T> answer : answers) {
            covered.addAll(answer.partitions());
            count += answer.partitions().size();
        }
        if (count != covered.size() || !covered.equals(expected)) {
            return new QueryResult.NotReady<>("partitions moved while the query ran");
        }
        T merged = query.merger().merge(answers.stream().map(Envelope::value).toList(), params);
        Double asOf = answers.stream().map(Envelope::asOf).filter(java.util.Objects::nonNull)
                .max(Double::compare).orElse(null);
        return new QueryResult.Found<>(merged, asOf, answers.stream().map(Envelope::servedBy).toList(), false);
    }

    /** What the internal global endpoint answers: the merge of this instance's active partitions of the store. */
    public <T> QueryResult<Envelope<T>> globalHere(GlobalQuery<T> query, Map<String, String> params) {
        Optional<KafkaStreams> streams = runtime.streams();
        if (streams.isEmpty()) {
            return new QueryResult.NotReady<>("Kafka Streams is not started");
        }
        try {
            List<Integer> partitions = List.copyOf(localActivePartitions(streams.get(), query.storeName()));
            List<T> partials = new ArrayList<>(partitions.size());
            for (int partition : partitions) {
                partials.add(query.reader().read(access(streams.get(), partition, false), params));
            }
            T value = query.merger().merge(partials, params);
            return new QueryResult.Found<>(new Envelope<>(value, streamTime.epochSeconds(), selfName(), false,
                    partitions), streamTime.epochSeconds(), List.of(selfName()), false);
        } catch (InvalidStateStoreException | IllegalStateException e) {
            return new QueryResult.NotReady<>("store " + query.storeName() + " is not queryable here: "
                    + e.getMessage());
        }
    }

    private <T> QueryResult<T> readLocal(KeyQuery<T> query, String key, int partition, boolean stale,
                                         Map<String, String> params) {
        Optional<KafkaStreams> streams = runtime.streams();
        if (streams.isEmpty()) {
            return new QueryResult.NotReady<>("Kafka Streams is not started");
        }
        try {
            Optional<T> value = query.reader().read(access(streams.get(), partition, stale), key, params);
            return value.<QueryResult<T>>map(v ->
                            new QueryResult.Found<>(v, streamTime.epochSeconds(), List.of(selfName()), stale))
                    .orElseGet(() -> new QueryResult.NotFound<>(key + " is not known"));
        } catch (InvalidStateStoreException e) {
            return new QueryResult.NotReady<>("partition " + partition + " of " + query.storeName()
                    + " is not queryable here");
        }
    }

    private <T> QueryResult<T> readRemote(HostInfo host, KeyQuery<T> query, String key, boolean stale,
                                          Map<String, String> params) {
        Map<String, String> httpParams = new HashMap<>(params);
        httpParams.put(KEY_PARAM, key);
        httpParams.put(STALE_PARAM, Boolean.toString(stale));
        QueryResult<Envelope<T>> answer = await(host,
                call(host, KEY_TEMPLATE, query.name(), httpParams, query.resultType(), key + " is not known"));
        if (answer instanceof QueryResult.Found<Envelope<T>> found) {
            Envelope<T> envelope = found.value();
            return new QueryResult.Found<>(envelope.value(), envelope.asOf(), List.of(envelope.servedBy()),
                    envelope.stale());
        }
        return answer instanceof QueryResult.NotFound<Envelope<T>> notFound
                ? new QueryResult.NotFound<>(notFound.detail()) : new QueryResult.NotReady<>(detail(answer));
    }

    private <T> CompletableFuture<QueryResult<Envelope<T>>> globalRemote(HostInfo host, GlobalQuery<T> query,
                                                                         Map<String, String> params) {
        return call(host, GLOBAL_TEMPLATE, query.name(), params, query.resultType(), "not found");
    }

    private <T> CompletableFuture<QueryResult<Envelope<T>>> call(HostInfo host, String template, String queryName,
                                                                 Map<String, String> params, Class<T> resultType,
                                                                 String notFound) {
        ParameterizedTypeReference<Envelope<T>> type = ParameterizedTypeReference.forType(
                ResolvableType.forClassWithGenerics(Envelope.class, resultType).getType());
        return client.get(host, template, Map.of(QUERY_VARIABLE, queryName), params, type)
                .handle((response, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                        if (cause instanceof ResourceAccessException) {
                            return new QueryResult.NotReady<>(hostName(host) + " is unreachable");
                        }
                        if (cause instanceof RestClientException) {
                            log.error("Unreadable answer from {}{}", hostName(host), template, cause);
                            return new QueryResult.NotReady<>(hostName(host) + " gave an unreadable answer");
                        }
                        log.error("Cannot call {}{}", hostName(host), template, cause);
                        return new QueryResult.NotReady<>(hostName(host) + " cannot be asked now");
                    }
                    if (response.status() == 200) {
                        Envelope<T> envelope = response.body();
                        return new QueryResult.Found<>(envelope, envelope.asOf(), List.of(envelope.servedBy()),
                                envelope.stale());
                    }
                    if (response.status() == 404) {
                        return new QueryResult.NotFound<>(notFound);
                    }
                    if (response.status() != 503) {
                        log.error("{}{} answered {}", hostName(host), template, response.status());
                    }
                    return new QueryResult.NotReady<>(hostName(host) + " cannot answer now (" + response.status()
                            + ")");
                });
    }

    private <T> QueryResult<T> await(HostInfo host, CompletableFuture<QueryResult<T>> call) {
        try {
            return call.get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new QueryResult.NotReady<>("interrupted");
        } catch (Exception e) {
            return new QueryResult.NotReady<>(hostName(host) + " did not answer in time");
        }
    }

    private Map<HostInfo, Set<Integer>> activePartitions(Collection<StreamsMetadata> clients, String store) {
        Map<HostInfo, Set<Integer>> byHost = new LinkedHashMap<>();
        for (StreamsMetadata client : clients) {
            Set<Integer> partitions = new TreeSet<>();
            client.topicPartitions().stream()
                    .filter(tp -> topics.feedsStore(store, tp.topic()))
                    .forEach(tp -> partitions.add(tp.partition()));
            if (!partitions.isEmpty()) {
                byHost.put(client.hostInfo(), partitions);
            }
        }
        return byHost;
    }

    private Set<Integer> localActivePartitions(KafkaStreams streams, String store) {
        Set<Integer> partitions = new TreeSet<>();
        for (ThreadMetadata thread : streams.metadataForLocalThreads()) {
            for (TaskMetadata task : thread.activeTasks()) {
                boolean feeds = task.topicPartitions().stream().anyMatch(tp -> topics.feedsStore(store, tp.topic()));
                if (feeds) {
                    partitions.add(task.taskId().partition());
                }
            }
        }
        return partitions;
    }

    private static StoreAccess access(KafkaStreams streams, int partition, boolean stale) {
        return new StoreAccess() {
            @Override
            public <S> S store(String storeName, QueryableStoreType<S> type) {
                StoreQueryParameters<S> parameters = StoreQueryParameters.fromNameAndType(storeName, type)
                        .withPartition(partition);
                return streams.store(stale ? parameters.enableStaleStores() : parameters);
            }
        };
    }

    private static String detail(QueryResult<?> result) {
        if (result instanceof QueryResult.NotReady<?> notReady) {
            return notReady.detail();
        }
        if (result instanceof QueryResult.NotFound<?> notFound) {
            return notFound.detail();
        }
        return "unexpected answer";
    }

    private String selfName() {
        return hostName(runtime.self());
    }

    static String hostName(HostInfo host) {
        return host == null ? "unknown" : host.host() + ":" + host.port();
    }
}
