package com.example.analytics.support.test;

import com.example.analytics.model.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/** A small JSON-over-HTTP client for REST tests; one {@link HttpClient} shared by all calls. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http() {
    }

    public record Response(int status, String body, Optional<String> contentType, Optional<String> retryAfter) {
        public JsonNode json() {
            return Json.mapper().readTree(body);
        }
    }

    public static Response get(String url) {
        return send("GET", URI.create(url));
    }

    /** Any method, no body; for fuzzing, the URI is taken as given (already encoded). */
    public static Response send(String method, URI uri) {
        try {
            HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type"), response.headers().firstValue("Retry-After"));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
