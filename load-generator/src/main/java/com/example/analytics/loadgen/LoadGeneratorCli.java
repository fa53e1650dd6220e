package com.example.analytics.loadgen;

import com.example.analytics.cli.Cli;
import com.example.analytics.cli.Progress;
import com.example.analytics.cli.ReadableFile;
import com.example.analytics.loadgen.sink.JsonLinesSink;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.loadgen.sink.Pacer;
import com.example.analytics.model.kafka.ClientConfigFile;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code java -jar load-generator/target/load-generator-exec.jar --help}. */
@Command(name = "load-generator",
        customSynopsis = "java -jar load-generator/target/load-generator-exec.jar [OPTIONS]",
        description = "Generates realistic user_events and product_events with injected scenarios and sends them to "
                + "Kafka (default) or writes them as JSON lines.")
public final class LoadGeneratorCli implements Callable<Integer> {

    private static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";

    @Spec
    private CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nOutput%n", order = 1)
    private Output output = new Output();

    @ArgGroup(validate = false, heading = "%nTraffic%n", order = 2)
    private Traffic traffic = new Traffic();

    @ArgGroup(validate = false, heading = "%nTime%n", order = 3)
    private Time time = new Time();

    @ArgGroup(validate = false, heading = "%nScenarios%n", order = 4)
    private Scenarios scenarios = new Scenarios();

    public static void main(String[] args) {
        Cli.run(new LoadGeneratorCli(), args);
    }

    private static final class Output {
        @Option(names = "--bootstrap-servers", paramLabel = "H:P", order = 1,
                description = "Kafka to send to (default " + DEFAULT_BOOTSTRAP_SERVERS + ")")
        String bootstrapServers;

        @Option(names = "--client-config", paramLabel = "FILE", converter = ReadableFile.class, order = 2,
                description = "Kafka client properties file (security.protocol, ssl.*, sasl.*); secrets can be "
                        + "$${env:NAME} with config.providers=env")
        Path clientConfig;

        @Option(names = "--property", paramLabel = "KEY=VALUE", order = 3,
                description = "extra Kafka client setting, repeatable; wins over --client-config and "
                        + "--bootstrap-servers")
        Map<String, String> properties = new LinkedHashMap<>();

        @Option(names = "--jsonl", paramLabel = "FILE", order = 4,
                description = "write JSON lines to FILE instead of Kafka ('-' for standard output)")
        String jsonl;
    }

    private static final class Traffic {
        @Option(names = "--events", paramLabel = "N", defaultValue = "100000", order = 1,
                description = "records to generate over both topics (default ${DEFAULT-VALUE}; 0 = endless)")
        long events;

        @Option(names = "--rate", paramLabel = "N", defaultValue = "500", order = 2,
                description = "records per second of event time (default ${DEFAULT-VALUE})")
        double rate;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42", order = 3,
                description = "random seed; the same seed gives the same records (default ${DEFAULT-VALUE})")
        long seed;

        @Option(names = "--users", paramLabel = "N", defaultValue = "100000", order = 4,
                description = "users (default ${DEFAULT-VALUE})")
        int users;

        @Option(names = "--products", paramLabel = "N", defaultValue = "1000", order = 5,
                description = "products (default ${DEFAULT-VALUE})")
        int products;

        @Option(names = "--stores", paramLabel = "N", defaultValue = "5", order = 6,
                description = "stores (default ${DEFAULT-VALUE})")
        int stores;
    }

    private static final class Time {
        @Option(names = "--live", order = 1,
                description = "event time is the wall clock, sent at --rate (the demo mode)")
        boolean live;

        @Option(names = "--start", paramLabel = "TIME", converter = InstantConverter.class, order = 2,
                description = "simulated event time starts at TIME (ISO-8601 or epoch seconds; default "
                        + "2026-11-02T09:00:00Z)")
        Instant start;

        @Option(names = "--speed", paramLabel = "X", defaultValue = "0", order = 3,
                description = "simulated mode: send X times faster than event time passes (default: as fast as "
                        + "possible)")
        double speed;
    }

    private static final class Scenarios {
        @Option(names = "--scenarios", paramLabel = "LIST", converter = ScenarioList.class, defaultValue = "all",
                completionCandidates = ScenarioList.class, order = 1,
                description = "all (default), none, or a comma list of: ${COMPLETION-CANDIDATES}")
        Set<Scenario> scenarios;

        @Option(names = "--bad-fraction", paramLabel = "F", defaultValue = "0.01", order = 2,
                description = "share of normal records turned bad (default ${DEFAULT-VALUE})")
        double badFraction;

        @Option(names = "--report", order = 3, description = "print what was injected when done")
        boolean report;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        LoadGenerator generator = new LoadGenerator(config());
        Pacer pacer = time.live ? Pacer.live() : time.speed > 0 ? Pacer.speed(time.speed) : Pacer.unpaced();
        long started = System.nanoTime();
        long count;
        if (output.jsonl != null) {
            boolean toStandardOutput = output.jsonl.equals("-");
            try (JsonLinesSink sink = new JsonLinesSink(toStandardOutput
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(Path.of(output.jsonl), StandardCharsets.UTF_8));
                 // On a terminal, progress on standard error would interleave with the records on standard output.
                 Progress progress = toStandardOutput ? Progress.silent("records", generator.config().events())
                         : Progress.start("records", generator.config().events())) {
                count = sink.write(progress.counting(generator.iterator()), pacer);
            }
        } else {
            try (KafkaSink sink = new KafkaSink(kafkaClient());
                 Progress progress = Progress.start("records", generator.config().events())) {
                // The counting iterator reports progress; the sink's own every-10,000 callback is not needed.
                count = sink.send(progress.counting(generator.iterator()), pacer, sent -> { });
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("%,d records in %.1f s (%,.0f records/s)%n", count, seconds, count / seconds);
        if (scenarios.report) {
            System.err.print(generator.report());
        }
        return 0;
    }

    private GeneratorConfig config() {
        Cli.require(spec, traffic.events >= 0, "--events", "must be 0 (endless) or more");
        Cli.require(spec, traffic.rate > 0 && Double.isFinite(traffic.rate), "--rate", "must be a positive number");
        Cli.require(spec, traffic.users >= 1 && traffic.users <= 100_000_000, "--users",
                "must be from 1 to 100000000");
        Cli.require(spec, traffic.products >= 1 && traffic.products <= 100_000_000, "--products",
                "must be from 1 to 100000000");
        Cli.require(spec, traffic.stores >= 1 && traffic.stores <= 1_000_000, "--stores", "must be from 1 to 1000000");
        Cli.require(spec, time.speed >= 0 && Double.isFinite(time.speed), "--speed",
                "must be 0 (as fast as possible) or a positive number");
        Cli.require(spec, !(time.live && time.start != null), "--start", "cannot be combined with --live");
        Cli.require(spec, !(time.live && time.speed > 0), "--speed", "cannot be combined with --live");
        Cli.require(spec, scenarios.badFraction >= 0 && scenarios.badFraction < 1, "--bad-fraction",
                "must be at least 0 and below 1");
        Path jsonl = output.jsonl == null || output.jsonl.equals("-") ? null : Path.of(output.jsonl);
        Cli.require(spec, jsonl == null || Files.isDirectory(jsonl.toAbsolutePath().getParent()), "--jsonl",
                "is in a directory that does not exist");
        GeneratorConfig.Builder config = GeneratorConfig.builder().events(traffic.events)
                .eventsPerSecond(traffic.rate).seed(traffic.seed).users(traffic.users).products(traffic.products)
                .stores(traffic.stores).scenarios(scenarios.scenarios).badFraction(scenarios.badFraction);
        if (time.start != null) {
            config.start(time.start);
        }
        if (time.live) {
            config.live();
        }
        return config.build();
    }

    /** The client config file, then --bootstrap-servers, then each --property: a later source wins. */
    private Map<String, Object> kafkaClient() {
        Map<String, Object> kafka = new LinkedHashMap<>();
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP_SERVERS);
        if (output.clientConfig != null) {
            kafka.putAll(ClientConfigFile.read(output.clientConfig));
        }
        if (output.bootstrapServers != null) {
            kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, output.bootstrapServers);
        }
        kafka.putAll(output.properties);
        return kafka;
    }

    /** ISO-8601 ({@code 2026-11-02T09:00:00Z}) or epoch seconds. */
    static final class InstantConverter implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String text) {
            try {
                return !text.isEmpty() && text.chars().allMatch(Character::isDigit)
                        ? Instant.ofEpochSecond(Long.parseLong(text)) : Instant.parse(text);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new TypeConversionException("'" + text + "' is neither ISO-8601 nor epoch seconds");
            }
        }
    }

    /** {@code all}, {@code none} or scenario names separated by commas; also the names --help lists. */
    static final class ScenarioList implements ITypeConverter<Set<Scenario>>, Iterable<String> {
        @Override
        public Set<Scenario> convert(String list) {
            if (list.equals("all")) {
                return EnumSet.allOf(Scenario.class);
            }
            Set<Scenario> chosen = EnumSet.noneOf(Scenario.class);
            if (list.equals("none")) {
                return chosen;
            }
            for (String name : list.split(",")) {
                try {
                    chosen.add(Scenario.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new TypeConversionException("unknown scenario '" + name.trim() + "'");
                }
            }
            return chosen;
        }

        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Scenario.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).iterator();
        }
    }
}
