package com.example.analytics.support.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertiesPropertySource;

/**
 * Puts the platform's defaults (actuator exposure, probes, problem details, JSON naming, graceful shutdown) below
 * everything else, so every service gets them without copying them and can still override any of them.
 */
public class StreamsSupportDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "streams-support-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Properties defaults = new Properties();
        try (InputStream in = StreamsSupportDefaults.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        environment.getPropertySources().addLast(new PropertiesPropertySource("streams-support-defaults", defaults));
    }
}
