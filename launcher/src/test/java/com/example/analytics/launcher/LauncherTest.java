package com.example.analytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.analytics.cli.Cli;
import com.example.analytics.cli.HelpInReadme;
import com.example.analytics.model.topics.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LauncherTest {

    @Test
    void startsABrokerCreatesEveryCatalogueTopicAndSaysWhereItIs(@TempDir Path dataDir) throws Exception {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        LauncherOptions options = LauncherOptions.parse("--broker-port", "0", "--data-dir", dataDir.toString(),
                "--partitions", "3", "--ui-port", "0");
        try (Launcher launcher = new Launcher(options, new PrintStream(output, true, StandardCharsets.UTF_8))) {
            launcher.start();

            String printed = output.toString(StandardCharsets.UTF_8);
            assertThat(printed).contains("Kafka broker    " + launcher.bootstrapServers() + " ready")
                    .contains("Web view        " + launcher.webView().orElseThrow());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    launcher.bootstrapServers()))) {
                Map<String, TopicDescription> topics = admin.describeTopics(
                        Topics.ALL.stream().map(topic -> topic.name()).toList()).allTopicNames().get();
                assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(
                        Topics.ALL.stream().map(topic -> topic.name()).collect(Collectors.toSet()));
                assertThat(topics.values()).allSatisfy(topic -> assertThat(topic.partitions()).hasSize(3));
            }
        }
        assertThat(Files.exists(dataDir.resolve("broker/kafka-logs/meta.properties")))
                .as("a given data directory is kept").isTrue();
    }

    @Test
    void aTemporaryDataDirectoryIsRemovedOnClose() {
        Launcher launcher = new Launcher(LauncherOptions.parse("--broker-port", "0", "--broker-only"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        launcher.start();
        Path temporary = launcher.dataDir();
        assertThat(temporary.resolve("broker")).isDirectory();

        launcher.close();

        assertThat(temporary).doesNotExist();
    }

    /** An invalid protocol fails the launcher's own admin client at once: proof the file's settings reach it. */
    @Test
    void theClientConfigFileReachesTheLaunchersKafkaClients(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("client.properties"), "security.protocol=NOT_A_PROTOCOL\n");
        // An external cluster that is never reached: the admin client rejects its configuration first.
        Launcher launcher = new Launcher(LauncherOptions.parse("--bootstrap-servers", "localhost:1", "--broker-only",
                "--client-config", config.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            assertThatThrownBy(launcher::start).hasStackTraceContaining("security.protocol");
        } finally {
            launcher.close();
        }
        assertThatThrownBy(() -> LauncherOptions.parse("--broker-port", "0", "--client-config",
                dir.resolve("missing.properties").toString()))
                .hasMessageContaining("--client-config").hasMessageContaining("missing.properties");
    }

    @Test
    void badOptionsAreExplained() {
        assertThatThrownBy(() -> LauncherOptions.parse("--broker-port", "x"))
                .hasMessage("Invalid value for option '--broker-port': 'x' is not an int");
        assertThatThrownBy(() -> LauncherOptions.parse("--ui-port", "70000"))
                .hasMessage("Invalid value for option '--ui-port': '70000' must be from 0 to 65535");
        assertThatThrownBy(() -> LauncherOptions.parse("--nope")).hasMessage("Unknown option: '--nope'");
        assertThatThrownBy(() -> LauncherOptions.parse("--data-dir"))
                .hasMessage("Missing required parameter for option '--data-dir' (DIR)");
    }

    @Test
    void optionsHaveTheirDefaultsAndTheWebViewCanMoveOrBeTurnedOff() {
        LauncherOptions defaults = LauncherOptions.parse();
        assertThat(defaults).isEqualTo(new LauncherOptions(9092, Optional.empty(), Optional.empty(), 6, true, false,
                500, Optional.empty(), 8080, true));

        LauncherOptions demo = LauncherOptions.parse("--demo", "--rate", "50", "--broker-only", "--ui-port", "0",
                "--no-ui");
        assertThat(demo.demo()).isTrue();
        assertThat(demo.demoRate()).isEqualTo(50);
        assertThat(demo.services()).isFalse();
        assertThat(demo.uiPort()).isZero();
        assertThat(demo.ui()).isFalse();
    }

    @Test
    void theReadmeShowsTheHelpAsItIs() {
        assertThat(HelpInReadme.of("launcher")).isEqualTo(Cli.usage(new LauncherCommand()));
    }

    @Test
    void aBadValueOnTheCommandLineIsOneLineAndExitCode2() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = Cli.commandLine(new LauncherCommand());
        commandLine.setErr(new PrintWriter(err, true));

        assertThat(commandLine.execute("--partitions", "0")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("launcher: Invalid value for option '--partitions': '0' must be from 1 "
                + "to 10000 (see --help)" + System.lineSeparator());
    }
}
