package com.example.analytics.support.query;

import com.example.analytics.model.json.Json;
import io.micrometer.observation.ObservationRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Calls another instance's internal endpoints. One {@link RestClient} for the whole service, over one pooled HTTP
 * client with connect and read timeouts, so a dead instance costs a bounded wait rather than a hung request thread.
 * Paths are URI templates whose variables are encoded by the client, so a key is never spliced into a URI by hand,
 * and the {@code http.client.requests} metric is tagged by template rather than by key.
 */
public final class InstanceClient implements AutoCloseable {

    /** What another instance answered: its status and, for a 200, the body read as the expected type. */
    public record Response<T>(int status, T body) {
    }

    /** Query parameter names are the code's own; only values come from clients. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[a-z_]+");
    /** Calls in flight at once; beyond that the calling request thread makes the call itself. */
    private static final int MAX_PARALLEL_CALLS = 32;

    private final RestClient rest;
    private final ThreadPoolExecutor calls;

    /**
     * @param observations records {@code http.client.requests}; {@link ObservationRegistry#NOOP} for none
     */
    public InstanceClient(Duration timeout, ObservationRegistry observations) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(timeout);
        this.rest = RestClient.builder()
                .requestFactory(requests)
                .configureMessageConverters(converters -> converters
                        .withJsonConverter(new JacksonJsonHttpMessageConverter(Json.mapper())))
                .defaultHeader("Accept", MediaType.APPLICATION_JSON_VALUE)
                .observationRegistry(observations)
                .build();
        AtomicInteger threads = new AtomicInteger();
        this.calls = new ThreadPoolExecutor(0, MAX_PARALLEL_CALLS, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                task -> {
                    Thread thread = new Thread(task, "instance-client-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /**
     * GETs {@code pathTemplate} from {@code host}, the calls to several instances running in parallel.
     *
     * @param pathTemplate  such as {@code /internal/key/{query}}
     * @param pathVariables values of the template's variables
     * @param query         query parameters; each value is encoded as a whole
     * @return completes exceptionally with a {@link org.springframework.web.client.RestClientException} when the
     *         instance cannot be reached in time ({@code ResourceAccessException}) or its 200 cannot be read
     */
    public <T> CompletableFuture<Response<T>> get(HostInfo host, String pathTemplate, Map<String, String> pathVariables,
                                                  Map<String, String> query, ParameterizedTypeReference<T> type) {
        Map<String, Object> variables = new HashMap<>(pathVariables);
        variables.put("host", host.host());
        variables.put("port", host.port());
        StringBuilder template = new StringBuilder("http://{host}:{port}").append(pathTemplate);
        char separator = '?';
        // Sorted, so one set of parameters always makes the same template.
        for (Map.Entry<String, String> parameter : new TreeMap<>(query).entrySet()) {
            String name = parameter.getKey();
            if (!PARAMETER_NAME.matcher(name).matches() || variables.containsKey(name)) {
                throw new IllegalArgumentException("not a query parameter name of the internal API: " + name);
            }
            template.append(separator).append(name).append("={").append(name).append('}');
            variables.put(name, parameter.getValue());
            separator = '&';
        }
        return CompletableFuture.supplyAsync(() -> rest.get().uri(template.toString(), variables)
                // exchange: every status is an answer the caller interprets (404 unknown key, 503 not ready).
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    return new Response<>(status, status == 200 ? response.bodyTo(type) : null);
                }), calls);
    }

    public <T> CompletableFuture<Response<T>> get(HostInfo host, String path, Class<T> type) {
        return get(host, path, Map.of(), Map.of(), ParameterizedTypeReference.forType(type));
    }

    @Override
    public void close() {
        calls.shutdownNow();
    }
}
