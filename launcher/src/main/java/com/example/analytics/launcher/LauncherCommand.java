package com.example.analytics.launcher;

import com.example.analytics.cli.Cli;
import com.example.analytics.cli.ReadableFile;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code java -jar launcher/target/launcher.jar --help}: the options, and running the launcher with them. */
@Command(name = "launcher", customSynopsis = "java -jar launcher/target/launcher.jar [OPTIONS]",
        description = "Starts a Kafka broker (KRaft, inside this JVM) and every analytics service on the class path.")
final class LauncherCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--broker-port", paramLabel = "N", defaultValue = "9092", order = 1,
            description = "port of the embedded broker (default ${DEFAULT-VALUE}; 0 = any free port)")
    private int brokerPort;

    @Option(names = "--data-dir", paramLabel = "DIR", order = 2,
            description = "keep broker data and service state in DIR (default: a temporary directory, deleted on "
                    + "exit)")
    private Path dataDir;

    @Option(names = "--bootstrap-servers", paramLabel = "H:P", order = 3,
            description = "use an existing Kafka cluster instead of the embedded broker")
    private String bootstrapServers;

    @Option(names = "--client-config", paramLabel = "FILE", converter = ReadableFile.class, order = 4,
            description = "Kafka client properties for that cluster (security.protocol, ssl.*, sasl.*), used by the "
                    + "launcher, the demo and every service")
    private Path clientConfig;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "6", order = 5,
            description = "partitions of the topics the launcher creates (default ${DEFAULT-VALUE})")
    private int partitions;

    @Option(names = "--broker-only", order = 6, description = "start the broker and topics, no services")
    private boolean brokerOnly;

    @Option(names = "--demo", order = 7, description = "also generate live traffic and print a live view")
    private boolean demo;

    @Option(names = "--rate", paramLabel = "N", defaultValue = "500", order = 8,
            description = "demo events per second (default ${DEFAULT-VALUE})")
    private int rate;

    @Option(names = "--ui-port", paramLabel = "N", defaultValue = "8080", order = 9,
            description = "port of the web view (default ${DEFAULT-VALUE}; 0 = any free port)")
    private int uiPort;

    @Option(names = "--no-ui", order = 10, description = "do not serve the web view")
    private boolean noUi;

    @Override
    public Integer call() throws InterruptedException {
        return Launcher.runUntilStopped(options());
    }

    /** The parsed options, once their values are checked. */
    LauncherOptions options() {
        Cli.require(spec, brokerPort >= 0 && brokerPort <= 65_535, "--broker-port", "must be from 0 to 65535");
        Cli.require(spec, partitions >= 1 && partitions <= 10_000, "--partitions", "must be from 1 to 10000");
        Cli.require(spec, rate >= 1 && rate <= 1_000_000, "--rate", "must be from 1 to 1000000");
        Cli.require(spec, uiPort >= 0 && uiPort <= 65_535, "--ui-port", "must be from 0 to 65535");
        return new LauncherOptions(brokerPort, Optional.ofNullable(dataDir), Optional.ofNullable(bootstrapServers),
                partitions, !brokerOnly, demo, rate, Optional.ofNullable(clientConfig), uiPort, !noUi);
    }
}
