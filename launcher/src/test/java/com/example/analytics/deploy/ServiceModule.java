package com.example.analytics.deploy;

import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.config.AnalyticsStreamsProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.SortedSet;
import java.util.TreeSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service as the launcher finds it ({@link AnalyticsServiceDefinition} through {@link ServiceLoader}), with the
 * properties it binds as Spring's configuration processor recorded them from its {@code @ConfigurationProperties}
 * class when the module was compiled ({@code META-INF/spring-configuration-metadata.json} of that module).
 */
record ServiceModule(String name, int port, Class<?> applicationClass) {

    private static final String METADATA = "META-INF/spring-configuration-metadata.json";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One property of the configuration metadata: its canonical name, Java type and default (null when none). */
    record Property(String name, String type, Object defaultValue) {
    }

    static List<ServiceModule> all() {
        List<ServiceModule> modules = ServiceLoader.load(AnalyticsServiceDefinition.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(definition -> new ServiceModule(definition.name(), definition.defaultPort(),
                        definition.applicationClass()))
                .sorted(Comparator.comparingInt(ServiceModule::port))
                .toList();
        if (modules.size() != 4) {
            throw new IllegalStateException("expected the four services on the test class path, found " + modules);
        }
        return modules;
    }

    static ServiceModule named(String name) {
        return all().stream().filter(module -> module.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name));
    }

    /** The service's own properties: its thresholds and windows. */
    List<Property> ownProperties() {
        return metadataOf(applicationClass);
    }

    /** The {@code @ConfigurationProperties} class of the service, named by the metadata's top-level group. */
    Class<?> propertiesClass() {
        String type = (String) topLevelGroup(applicationClass).get("type");
        try {
            return Class.forName(type);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    String propertiesPrefix() {
        return (String) topLevelGroup(applicationClass).get("name");
    }

    /** The {@code analytics.streams.*} properties every service binds through streams-support. */
    static List<Property> streamsProperties() {
        return metadataOf(AnalyticsStreamsProperties.class);
    }

    /** Every property any jar on the class path documents: Spring Boot's own (server.port, spring.kafka.*) too. */
    static SortedSet<String> everyKnownProperty() {
        SortedSet<String> names = new TreeSet<>();
        try {
            for (URL url : Collections.list(ServiceModule.class.getClassLoader().getResources(METADATA))) {
                read(url).stream().map(Property::name).forEach(names::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** The metadata of the module (jar or classes directory) that holds the given class. */
    private static List<Property> metadataOf(Class<?> moduleClass) {
        return read(metadataUrl(moduleClass));
    }

    private static Map<String, Object> topLevelGroup(Class<?> moduleClass) {
        List<Map<String, Object>> groups = new ArrayList<>();
        for (Object group : Tree.list(readTree(metadataUrl(moduleClass)).get("groups"))) {
            if (Tree.map(group).get("sourceMethod") == null) {
                groups.add(Tree.map(group));
            }
        }
        if (groups.size() != 1) {
            throw new IllegalStateException("expected one @ConfigurationProperties class in the module of "
                    + moduleClass.getName() + ", found " + groups);
        }
        return groups.get(0);
    }

    private static URL metadataUrl(Class<?> moduleClass) {
        String location = moduleClass.getProtectionDomain().getCodeSource().getLocation().toExternalForm();
        try {
            for (URL url : Collections.list(moduleClass.getClassLoader().getResources(METADATA))) {
                // file:.../target/classes/META-INF/... or jar:file:.../x.jar!/META-INF/...
                if (url.toExternalForm().contains(location)) {
                    return url;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no " + METADATA + " in " + location
                + "; is spring-boot-configuration-processor on the module's compile path?");
    }

    private static List<Property> read(URL url) {
        Object properties = readTree(url).get("properties");
        if (properties == null) {
            return List.of();
        }
        return Tree.list(properties).stream().map(Tree::map)
                .map(p -> new Property((String) p.get("name"), (String) p.get("type"), p.get("defaultValue")))
                .toList();
    }

    private static Map<String, Object> readTree(URL url) {
        try (InputStream in = url.openStream()) {
            return Tree.map(JSON.readValue(in, Map.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
