package com.example.analytics.launcher;

import com.example.analytics.launcher.view.PlatformSampler;
import com.example.analytics.launcher.view.Sample;
import com.example.analytics.loadgen.GeneratorConfig;
import com.example.analytics.loadgen.LoadGenerator;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.loadgen.sink.Pacer;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code launcher --demo}: live generated traffic with every scenario, and every few seconds a compact view of
 * the platform's latest {@link Sample} (the web view draws the same samples). A figure whose service is not
 * running shows "—".
 */
final class Demo implements AutoCloseable {

    private static final String ABSENT = "—";
    private static final Duration VIEW_EVERY = Duration.ofSeconds(5);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Map<String, Object> kafkaClient;
    private final int rate;
    private final PlatformSampler sampler;
    private final PrintStream out;
    private final AtomicLong sent = new AtomicLong();
    private final ScheduledExecutorService view = Executors.newSingleThreadScheduledExecutor(
            runnable -> new Thread(runnable, "demo-view"));
    private final Thread generator;
    private volatile boolean running = true;

    /** @param kafkaClient bootstrap servers and security settings */
    Demo(Map<String, Object> kafkaClient, int rate, PlatformSampler sampler, PrintStream out) {
        this.kafkaClient = Map.copyOf(kafkaClient);
        this.rate = rate;
        this.sampler = sampler;
        this.out = out;
        this.generator = new Thread(this::generate, "demo-generator");
    }

    void start() {
        generator.start();
        view.scheduleAtFixedRate(this::printView, VIEW_EVERY.toMillis(), VIEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        out.printf("Demo            %d events/s of live traffic, all scenarios; a view every %d s%n", rate,
                VIEW_EVERY.toSeconds());
    }

    private void generate() {
        LoadGenerator traffic = new LoadGenerator(GeneratorConfig.builder().live().eventsPerSecond(rate).events(0)
                .build());
        try (KafkaSink sink = new KafkaSink(kafkaClient)) {
            Pacer pacer = Pacer.live();
            var records = traffic.iterator();
            while (running && records.hasNext()) {
                var record = records.next();
                pacer.await(record.eventTimeMillis());
                sink.send(record);
                sent.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running) {
                out.println("Demo traffic stopped: " + e.getMessage());
            }
        }
    }

    private void printView() {
        sampler.latest().ifPresent(sample -> {
            Map<String, Double> arriving = sample.eventsPerSecond();
            out.printf("%n[%s] events in %s (%,d sent)  actions %s  dlq %s  late %s%n",
                    CLOCK.format(Instant.ofEpochMilli(Math.round(sample.time() * 1000))),
                    arriving == null ? ABSENT : String.format("%,.0f/s", arriving.values().stream()
                            .mapToDouble(Double::doubleValue).sum()),
                    sent.get(), sample.actionsByRule() == null ? ABSENT
                            : sample.actionsByRule().isEmpty() ? "none yet" : sample.actionsByRule(),
                    total(sample.deadLettered()), total(sample.late()));
            out.printf("  sessions %s | top products %s | spiking %s | latest alert %s%n",
                    sample.sessions() == null ? ABSENT : sample.sessions().activeSessions() + " active / "
                            + sample.sessions().totalUsers() + " users",
                    listed(sample.topProducts() == null ? null : sample.topProducts().stream().limit(3).toList(),
                            product -> product.productId() + " (" + product.hourlyViews() + ")", "none yet"),
                    listed(sample.trends() == null ? null : sample.trends().stream().filter(Sample.Trend::spiking)
                            .toList(), Sample.Trend::trendKey, "none"),
                    listed(sample.latestAlerts() == null ? null : sample.latestAlerts().stream().limit(1).toList(),
                            alert -> alert.rule() + " " + alert.subject() + " at "
                                    + CLOCK.format(Instant.ofEpochMilli(alert.timestampMillis())), "none yet"));
        });
    }

    /** Summed over the services that answered; none answering is not the same as zero. */
    private static String total(Map<String, Long> perService) {
        return perService.isEmpty() ? ABSENT
                : Long.toString(perService.values().stream().mapToLong(Long::longValue).sum());
    }

    private static <T> String listed(List<T> items, Function<T, String> text, String whenEmpty) {
        if (items == null) {
            return ABSENT;
        }
        return items.isEmpty() ? whenEmpty : items.stream().map(text).collect(Collectors.joining(", "));
    }

    @Override
    public void close() {
        running = false;
        view.shutdownNow();
        try {
            generator.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
