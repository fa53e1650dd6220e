package com.example.analytics.support.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Calls another instance's internal endpoints. One pooled HTTP client for the whole service, with connect and
 * request timeouts, so a dead instance costs a bounded wait rather than a hung request thread.
 */
public final class InstanceClient {

    public record Response(int status, byte[] body) {
    }

    private final HttpClient http;
    private final Duration timeout;

    public InstanceClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    public CompletableFuture<Response> get(HostInfo host, String path, Map<String, String> query) {
        HttpRequest request = HttpRequest.newBuilder(uri(host, path, query))
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .thenApply(response -> new Response(response.statusCode(), response.body()));
    }

    static URI uri(HostInfo host, String path, Map<String, String> query) {
        String queryString = query.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return URI.create("http://" + host.host() + ":" + host.port() + path
                + (queryString.isEmpty() ? "" : "?" + queryString));
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
