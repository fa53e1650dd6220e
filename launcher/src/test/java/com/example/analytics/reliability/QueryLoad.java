package com.example.analytics.reliability;

import com.example.analytics.support.test.Http;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client that calls every REST endpoint of every instance, round after round, while instances come and go, and
 * keeps what it got: the count of each status code, the calls that found no process listening (a killed instance
 * cannot answer; an orchestrator's Service would not route there) and every answer that breaks the contract
 * (a 5xx other than 503, a 503 without {@code Retry-After}, an error that is not problem+json).
 */
final class QueryLoad implements AutoCloseable {

    private static final List<String> USER = List.of("/api/sessions/active", "/api/users/user_1/session",
            "/api/users/user_2/sessions", "/api/instances");
    private static final List<String> PRODUCT = List.of("/api/products/top?limit=10", "/api/products/count",
            "/api/products/product_1", "/api/products/product_7", "/api/stores/store_1/sales?from=0&to=4102444800000",
            "/api/instances");
    private static final List<String> TREND = List.of("/api/trends", "/api/trends/user_page_view",
            "/api/trends/product_product_view", "/api/instances");
    private static final List<String> FRAUD = List.of("/api/fraud/alerts?limit=50", "/api/fraud/users/user_1",
            "/api/fraud/users/bot_0", "/api/instances");

    private final ProcessCluster cluster;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, Long> statuses = new TreeMap<>();
    private final List<String> violations = new ArrayList<>();
    private final Thread thread;
    private long unreachable;
    private long staleAnswers;

    private QueryLoad(ProcessCluster cluster) {
        this.cluster = cluster;
        this.thread = new Thread(this::run, "query-load");
    }

    static QueryLoad start(ProcessCluster cluster) {
        QueryLoad load = new QueryLoad(cluster);
        load.thread.start();
        return load;
    }

    private void run() {
        while (running.get()) {
            for (ProcessCluster.Node node : cluster.nodes()) {
                for (String path : paths(node.kind)) {
                    if (!running.get()) {
                        return;
                    }
                    call(node, path);
                }
            }
        }
    }

    private void call(ProcessCluster.Node node, String path) {
        Http.Response response;
        try {
            response = Http.get(node.baseUrl() + path);
        } catch (IllegalStateException noAnswer) {
            synchronized (this) {
                unreachable++;
            }
            return;
        }
        synchronized (this) {
            statuses.merge(response.status(), 1L, Long::sum);
            String call = node + " GET " + path + " -> " + response.status();
            if (response.status() >= 500 && response.status() != 503) {
                violations.add(call + " " + abbreviate(response.body()));
            } else if (response.status() == 503 && response.retryAfter().isEmpty()) {
                violations.add(call + " without Retry-After");
            }
            if (response.status() >= 400 && !response.contentType().orElse("").startsWith("application/problem+json")) {
                violations.add(call + " as " + response.contentType().orElse("no content type"));
            }
            if (response.status() == 200 && response.body().contains("\"stale\":true")) {
                staleAnswers++;
            }
        }
    }

    private static List<String> paths(ServiceKind kind) {
        return switch (kind) {
            case USER -> USER;
            case PRODUCT -> PRODUCT;
            case TREND -> TREND;
            case FRAUD -> FRAUD;
        };
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }

    synchronized Map<Integer, Long> statuses() {
        return new TreeMap<>(statuses);
    }

    synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    synchronized long unreachable() {
        return unreachable;
    }

    synchronized long staleAnswers() {
        return staleAnswers;
    }

    @Override
    public void close() {
        running.set(false);
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized String toString() {
        return "status codes " + statuses + ", no process listening " + unreachable + ", stale answers "
                + staleAnswers + ", contract violations " + violations.size();
    }
}
