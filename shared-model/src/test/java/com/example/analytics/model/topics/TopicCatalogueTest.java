package com.example.analytics.model.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

    @Test
    void outputTopicsCountRetentionFromWriteTime() {
        for (Topic<?, ?> topic : List.of(Topics.REAL_TIME_ACTIONS, Topics.SALES_SUMMARIES, Topics.ANALYTICS_DLQ)) {
            assertThat(topic.configs()).containsEntry("message.timestamp.type", "LogAppendTime");
        }
        assertThat(Topics.USER_EVENTS.configs()).isEmpty();
    }

    @Test
    void namesAreFoundByName() {
        assertThat(Topics.byName("user_events")).contains(Topics.USER_EVENTS);
        assertThat(Topics.byName("nope")).isEmpty();
    }

    /** The catalogue is the only place naming a topic; any other module's main code must refer to it. */
    @Test
    void noMainSourceOutsideSharedModelSpellsATopicName() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> names = Topics.ALL.stream().map(topic -> "\"" + topic.name() + "\"").toList();
        try (Stream<Path> files = Files.walk(root)) {
            List<Path> offenders = files
                    .filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> path.toString().contains("/src/main/java/"))
                    .filter(path -> !path.startsWith(root.resolve("shared-model")))
                    .filter(path -> {
                        String source = read(path);
                        return names.stream().anyMatch(source::contains);
                    })
                    .toList();
            assertThat(offenders).isEmpty();
        }
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
