package com.example.analytics.model.kafka;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A Kafka client properties file, as Kafka's own tools take with {@code --command-config}: security settings
 * ({@code security.protocol}, {@code ssl.*}, {@code sasl.*}) kept out of the command line, where every user of the
 * machine could read them. Secrets can stay out of the file too: Kafka resolves {@code ${env:NAME}} and
 * {@code ${file:/path:key}} when the file sets {@code config.providers}. Values are never printed.
 */
public final class ClientConfigFile {

    private ClientConfigFile() {
    }

    public static Map<String, Object> read(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read Kafka client config " + file + ": " + e.getMessage(), e);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(name -> config.put(name, properties.getProperty(name)));
        return config;
    }
}
