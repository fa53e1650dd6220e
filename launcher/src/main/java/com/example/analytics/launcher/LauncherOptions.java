package com.example.analytics.launcher;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's command line.
 *
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param dataDir          where broker data and service state live; a temporary directory when absent
 * @param clientConfig     Kafka client properties (security) for the launcher's own clients and every service
 * @param uiPort           port of the web view; 0 = any free port
 * @param ui               whether to serve the web view (it needs the services, so never with {@code --broker-only})
 */
public record LauncherOptions(int brokerPort, Optional<Path> dataDir, Optional<String> bootstrapServers,
                              int partitions, boolean services, boolean demo, int demoRate, boolean help,
                              Optional<Path> clientConfig, int uiPort, boolean ui) {

    public static final String USAGE = """
            Usage: java -jar launcher/target/launcher.jar [options]

            Starts a Kafka broker (KRaft, inside this JVM) and every analytics service on the class path.

              --broker-port N          port of the embedded broker (default 9092; 0 = any free port)
              --data-dir DIR           keep broker data and service state in DIR (default: a temp dir, deleted on exit)
              --bootstrap-servers H:P  use an existing Kafka cluster instead of the embedded broker
              --client-config FILE     Kafka client properties for that cluster (security.protocol, ssl.*, sasl.*),
                                       used by the launcher, the demo and every service
              --partitions N           partitions of the topics the launcher creates (default 6)
              --broker-only            start the broker and topics, no services
              --demo                   also generate live traffic and print a live view
              --rate N                 demo events per second (default 500)
              --ui-port N              port of the web view, http://localhost:N (default 8080; 0 = any free port)
              --no-ui                  do not serve the web view (--broker-only never serves it)
              --help                   this text
            """;

    public static LauncherOptions parse(String... args) {
        int brokerPort = 9092;
        Path dataDir = null;
        String bootstrap = null;
        int partitions = 6;
        boolean services = true;
        boolean demo = false;
        int rate = 500;
        boolean help = false;
        Path clientConfig = null;
        int uiPort = 8080;
        boolean ui = true;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--broker-port" -> brokerPort = intValue(arg, value(args, ++i, arg), 0, 65535);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                case "--client-config" -> clientConfig = Path.of(value(args, ++i, arg));
                case "--partitions" -> partitions = intValue(arg, value(args, ++i, arg), 1, 10_000);
                case "--broker-only" -> services = false;
                case "--demo" -> demo = true;
                case "--rate" -> rate = intValue(arg, value(args, ++i, arg), 1, 1_000_000);
                case "--ui-port" -> uiPort = intValue(arg, value(args, ++i, arg), 0, 65535);
                case "--no-ui" -> ui = false;
                case "--help", "-h" -> help = true;
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n\n" + USAGE);
            }
        }
        return new LauncherOptions(brokerPort, Optional.ofNullable(dataDir), Optional.ofNullable(bootstrap),
                partitions, services, demo, rate, help, Optional.ofNullable(clientConfig), uiPort, ui);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n\n" + USAGE);
        }
        return args[index];
    }

    private static int intValue(String option, String text, int min, int max) {
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a number between " + min + " and " + max
                + ", got '" + text + "'");
    }
}
