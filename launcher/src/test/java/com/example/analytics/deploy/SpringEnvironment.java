package com.example.analytics.deploy;

import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * How a service sees its environment variables: Spring Boot's relaxed binding from the operating-system
 * environment, the service's application.yml below it, and the same validation a service applies at start.
 */
final class SpringEnvironment {

    private SpringEnvironment() {
    }

    /**
     * The environment variable Spring Boot documents for a canonical property name ("Binding From Environment
     * Variables"): dots become underscores, dashes are removed, letters are upper case. List indexes are not needed
     * here and not supported.
     */
    static String variableName(String property) {
        if (!property.matches("[a-z0-9.-]+")) {
            throw new IllegalArgumentException("not a canonical property name without indexes: " + property);
        }
        return property.replace('.', '_').replace("-", "").toUpperCase(Locale.ROOT);
    }

    /** Whether Spring, given this variable in the environment, finds a value for the property. */
    static boolean binds(String variable, String property) {
        ConfigurationPropertySource source = environmentSource(Map.of(variable, "value")).iterator().next();
        return source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null;
    }

    /**
     * Binds a {@code @ConfigurationProperties} record as the service would at start: the environment variables over
     * the service's application.yml over streams-support's defaults, validated. Spring ignores a variable it cannot
     * map, so callers compare the result; a bad value or a broken rule throws.
     */
    static <T> T bind(Map<String, String> environment, ServiceModule service, String prefix, Class<T> type) {
        try (ValidatorFactory validation = Validation.buildDefaultValidatorFactory()) {
            return binder(environment, service).bindOrCreate(prefix, Bindable.of(type),
                    new ValidationBindHandler(new SpringValidatorAdapter(validation.getValidator())));
        }
    }

    /** One property as the service would resolve it; null when nothing sets it. */
    static String property(Map<String, String> environment, ServiceModule service, String name) {
        return binder(environment, service).bind(name, String.class).orElse(null);
    }

    private static Binder binder(Map<String, String> environment, ServiceModule service) {
        MutablePropertySources sources = new MutablePropertySources();
        sources.addLast(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.copyOf(environment)));
        applicationYml(RepositoryFiles.path(service.name() + "/src/main/resources/application.yml"))
                .forEach(sources::addLast);
        sources.addLast(new PropertiesPropertySource("streams-support-defaults",
                RepositoryFiles.streamsSupportDefaults()));
        // application.yml and the defaults refer to other properties and variables by placeholder.
        return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
    }

    private static Iterable<ConfigurationPropertySource> environmentSource(Map<String, Object> variables) {
        // Spring applies its environment-variable mapping only to a source of this name.
        return ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
    }

    private static List<PropertySource<?>> applicationYml(Path file) {
        try {
            return new ArrayList<>(new YamlPropertySourceLoader().load(file.toString(), new FileSystemResource(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
