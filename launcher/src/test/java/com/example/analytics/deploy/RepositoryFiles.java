package com.example.analytics.deploy;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files as they are in the working tree, read the way their tools read them: YAML with anchors and
 * merge keys (docker-compose relies on both), as plain maps, lists and scalars.
 */
final class RepositoryFiles {

    private static final Path ROOT = findRoot();

    private RepositoryFiles() {
    }

    static Path root() {
        return ROOT;
    }

    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    static Map<String, Object> yaml(String relative) {
        List<Object> documents = yamlDocuments(path(relative));
        if (documents.size() != 1) {
            throw new IllegalStateException(relative + " has " + documents.size() + " YAML documents, not one");
        }
        return Tree.map(documents.get(0));
    }

    /** Every non-empty document of a multi-document YAML file. */
    static List<Object> yamlDocuments(Path file) {
        // A fresh loader per file: SnakeYAML's Yaml is not thread-safe and keeps state between loads.
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : yaml.loadAll(reader)) {
                if (document != null) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    static List<Object> yamlDocuments(String text) {
        List<Object> documents = new ArrayList<>();
        new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(document -> {
            if (document != null) {
                documents.add(document);
            }
        });
        return documents;
    }

    static String text(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The defaults every service gets from streams-support, as the services load them. */
    static Properties streamsSupportDefaults() {
        Properties defaults = new Properties();
        try (Reader reader = Files.newBufferedReader(
                path("streams-support/src/main/resources/streams-support-defaults.properties"))) {
            defaults.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /** Surefire runs a module's tests in the module directory; the repository root is the first parent with mvnw. */
    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("mvnw")) && Files.exists(dir.resolve("docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (mvnw and docker-compose.yml) above "
                + Path.of("").toAbsolutePath());
    }
}
