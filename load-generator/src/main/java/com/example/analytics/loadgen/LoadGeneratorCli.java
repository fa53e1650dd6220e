package com.example.analytics.loadgen;

import com.example.analytics.loadgen.sink.JsonLinesSink;
import com.example.analytics.model.kafka.ClientConfigFile;
import com.example.analytics.loadgen.sink.KafkaSink;
import com.example.analytics.loadgen.sink.Pacer;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerConfig;

/** {@code java -jar load-generator/target/load-generator-exec.jar --help}. */
public final class LoadGeneratorCli {

    static final String USAGE = """
            Usage: java -jar load-generator/target/load-generator-exec.jar [options]

            Generates realistic user_events and product_events with injected scenarios and sends them to Kafka
            (default) or writes them as JSON lines.

            Output
              --bootstrap-servers H:P   Kafka to send to (default localhost:9092)
              --client-config FILE      Kafka client properties file (security.protocol, ssl.*, sasl.*);
                                        secrets can be ${env:NAME} with config.providers=env
              --property KEY=VALUE      extra Kafka client setting, repeatable (a later option wins)
              --jsonl FILE              write JSON lines to FILE instead ('-' for standard output)
            Traffic
              --events N                records to generate over both topics (default 100000; 0 = endless)
              --rate N                  records per second of event time (default 500)
              --seed N                  random seed; the same seed gives the same records (default 42)
              --users N --products N --stores N   population (defaults 100000, 1000, 5)
            Time
              --live                    event time is the wall clock, sent at --rate (the demo mode)
              --start TIME              simulated event time starts at TIME (ISO-8601 or epoch seconds;
                                        default 2026-11-02T09:00:00Z)
              --speed X                 simulated mode: send X times faster than event time passes
                                        (default: as fast as possible)
            Scenarios
              --scenarios LIST          all (default), none, or a comma list of: %s
              --bad-fraction F          share of normal records turned bad (default 0.01)
              --report                  print what was injected when done
              --help                    this text
            """.formatted(Arrays.stream(Scenario.values()).map(s -> s.name().toLowerCase(Locale.ROOT))
            .reduce((a, b) -> a + "," + b).orElse(""));

    private LoadGeneratorCli() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.print(USAGE);
            return;
        }
        LoadGenerator generator = new LoadGenerator(options.config.build());
        Pacer pacer = options.live ? Pacer.live() : options.speed > 0 ? Pacer.speed(options.speed) : Pacer.unpaced();
        long started = System.nanoTime();
        long count;
        if (options.jsonl != null) {
            try (Writer writer = options.jsonl.equals("-")
                    ? new OutputStreamWriter(System.out, StandardCharsets.UTF_8)
                    : Files.newBufferedWriter(Path.of(options.jsonl), StandardCharsets.UTF_8);
                 JsonLinesSink sink = new JsonLinesSink(writer)) {
                count = sink.write(generator.iterator(), pacer);
            }
        } else {
            try (KafkaSink sink = new KafkaSink(options.kafka)) {
                count = sink.send(generator.iterator(), pacer,
                        sent -> System.err.printf("sent %,d records%n", sent));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.err.printf("%,d records in %.1f s (%,.0f records/s)%n", count, seconds, count / seconds);
        if (options.report) {
            System.err.print(generator.report());
        }
    }

    private static final class Options {
        final GeneratorConfig.Builder config = GeneratorConfig.builder().events(100_000).eventsPerSecond(500);
        final Map<String, Object> kafka = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                "localhost:9092"));
        String jsonl;
        boolean live;
        double speed;
        boolean report;
        boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                switch (option) {
                    case "--bootstrap-servers" -> options.kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                            value(args, ++i, option));
                    case "--client-config" -> ClientConfigFile.read(Path.of(value(args, ++i, option)))
                            .forEach(options.kafka::put);
                    case "--property" -> {
                        String setting = value(args, ++i, option);
                        int eq = setting.indexOf('=');
                        if (eq <= 0) {
                            throw new IllegalArgumentException("--property takes KEY=VALUE, got '" + setting + "'");
                        }
                        options.kafka.put(setting.substring(0, eq), setting.substring(eq + 1));
                    }
                    case "--jsonl" -> options.jsonl = value(args, ++i, option);
                    case "--events" -> options.config.events(number(args, ++i, option, 0, Long.MAX_VALUE));
                    case "--rate" -> options.config.eventsPerSecond(decimal(args, ++i, option));
                    case "--seed" -> options.config.seed(number(args, ++i, option, Long.MIN_VALUE, Long.MAX_VALUE));
                    case "--users" -> options.config.users((int) number(args, ++i, option, 1, 100_000_000));
                    case "--products" -> options.config.products((int) number(args, ++i, option, 1, 100_000_000));
                    case "--stores" -> options.config.stores((int) number(args, ++i, option, 1, 1_000_000));
                    case "--live" -> {
                        options.live = true;
                        options.config.live();
                    }
                    case "--start" -> options.config.start(instant(value(args, ++i, option)));
                    case "--speed" -> options.speed = decimal(args, ++i, option);
                    case "--scenarios" -> options.config.scenarios(scenarios(value(args, ++i, option)));
                    case "--bad-fraction" -> options.config.badFraction(decimal(args, ++i, option));
                    case "--report" -> options.report = true;
                    case "--help", "-h" -> options.help = true;
                    default -> throw new IllegalArgumentException("unknown option " + option + "\n\n" + USAGE);
                }
            }
            return options;
        }

        private static Set<Scenario> scenarios(String list) {
            if (list.equals("all")) {
                return EnumSet.allOf(Scenario.class);
            }
            Set<Scenario> scenarios = EnumSet.noneOf(Scenario.class);
            if (list.equals("none")) {
                return scenarios;
            }
            for (String name : list.split(",")) {
                try {
                    scenarios.add(Scenario.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown scenario '" + name + "'; see --help");
                }
            }
            return scenarios;
        }

        private static Instant instant(String text) {
            try {
                return text.chars().allMatch(Character::isDigit)
                        ? Instant.ofEpochSecond(Long.parseLong(text)) : Instant.parse(text);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("--start takes ISO-8601 or epoch seconds, got '" + text + "'");
            }
        }

        private static String value(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static long number(String[] args, int index, String option, long min, long max) {
            String text = value(args, index, option);
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a whole number from " + min + " to " + max
                    + ", got '" + text + "'");
        }

        private static double decimal(String[] args, int index, String option) {
            String text = value(args, index, option);
            try {
                double value = Double.parseDouble(text);
                if (value >= 0 && Double.isFinite(value)) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " must be a non-negative number, got '" + text + "'");
        }
    }

}
