package com.example.analytics.launcher;

import com.example.analytics.cli.Cli;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The launcher's command line, parsed and checked; {@link LauncherCommand} declares the options.
 *
 * @param bootstrapServers an existing cluster to use instead of the embedded broker
 * @param dataDir          where broker data and service state live; a temporary directory when absent
 * @param clientConfig     Kafka client properties (security) for the launcher's own clients and every service
 * @param uiPort           port of the web view; 0 for any free port
 * @param ui               whether to serve the web view ({@code --no-ui} turns it off)
 */
public record LauncherOptions(int brokerPort, Optional<Path> dataDir, Optional<String> bootstrapServers,
                              int partitions, boolean services, boolean demo, int demoRate,
                              Optional<Path> clientConfig, int uiPort, boolean ui) {

    /**
     * The options {@code args} give, as {@code java -jar launcher.jar args} would take them.
     *
     * @throws picocli.CommandLine.ParameterException naming the option, for a bad or missing value or an unknown
     *                                                option
     */
    public static LauncherOptions parse(String... args) {
        LauncherCommand command = new LauncherCommand();
        Cli.commandLine(command).parseArgs(args);
        return command.options();
    }
}
