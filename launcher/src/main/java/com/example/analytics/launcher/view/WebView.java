package com.example.analytics.launcher.view;

import com.example.analytics.model.json.Json;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Flow;

/**
 * The launcher's web page: a few static files from the jar and one server-sent event stream of
 * {@link PlatformSampler} samples, which the page draws as charts. Nothing is loaded from elsewhere, so it works
 * offline. A plain JDK HTTP server is enough for one page, and keeps a fifth Spring context (which would pick up
 * the services' auto-configuration) out of the launcher.
 */
public final class WebView implements AutoCloseable {

    static final String SAMPLES_PATH = "/samples";
    private static final Map<String, String> FILES = Map.of(
            "/", "index.html",
            "/view.js", "view.js",
            "/view.css", "view.css");
    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8");

    private final HttpServer server;

    private WebView(HttpServer server) {
        this.server = server;
    }

    /**
     * Takes the port at once, so a port in use stops the launcher before it starts anything else; the page is
     * served from {@link #start}.
     *
     * @param port 0 for any free port
     */
    public static WebView bind(int port) {
        try {
            return new WebView(HttpServer.create(new InetSocketAddress(port), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("--ui-port " + port + ": " + e.getMessage()
                    + " (choose another port, 0 for any free one, or --no-ui)", e);
        }
    }

    public void start(PlatformSampler sampler) {
        server.createContext("/", this::serveFile);
        server.createContext(SAMPLES_PATH, exchange -> streamSamples(exchange, sampler));
        server.start();
    }

    public URI address() {
        return URI.create("http://localhost:" + server.getAddress().getPort() + "/");
    }

    private void serveFile(HttpExchange exchange) throws IOException {
        String file = FILES.get(exchange.getRequestURI().getPath());
        if (file == null || !exchange.getRequestMethod().equals("GET")) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] content;
        try (InputStream in = WebView.class.getResourceAsStream("/web/" + file)) {
            content = in.readAllBytes();
        }
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPES.get(file.substring(file.indexOf('.') + 1)));
        exchange.sendResponseHeaders(200, content.length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(content);
        }
    }

    /** Recent samples at once, so the time charts are not empty when the page opens, then each new one. */
    private void streamSamples(HttpExchange exchange, PlatformSampler sampler) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(200, 0);
        sampler.subscribe(new EventStream(exchange, sampler));
    }

    /**
     * One open page. The recent samples are written once the subscription exists, so none falls between the two;
     * one may arrive twice, which the page ignores by its time.
     */
    private static final class EventStream implements Flow.Subscriber<Sample> {

        private final HttpExchange exchange;
        private final PlatformSampler sampler;
        private Flow.Subscription subscription;
        private boolean closed;

        EventStream(HttpExchange exchange, PlatformSampler sampler) {
            this.exchange = exchange;
            this.sampler = sampler;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            sampler.recent().forEach(this::send);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(Sample sample) {
            send(sample);
        }

        private void send(Sample sample) {
            if (closed) {
                return;
            }
            try {
                OutputStream body = exchange.getResponseBody();
                body.write(("data: " + Json.mapper().writeValueAsString(sample) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.flush();
            } catch (IOException e) {
                // The page was closed.
                closed = true;
                subscription.cancel();
                exchange.close();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            exchange.close();
        }

        @Override
        public void onComplete() {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
