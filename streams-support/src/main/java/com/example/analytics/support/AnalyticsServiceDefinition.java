package com.example.analytics.support;

import com.example.analytics.support.streams.StateStores;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * How the launcher finds the services on its class path ({@link java.util.ServiceLoader}): each service module
 * registers one in {@code META-INF/services/com.example.analytics.support.AnalyticsServiceDefinition}.
 */
public interface AnalyticsServiceDefinition {

    /** The service name, also its {@code spring.application.name}. */
    String name();

    /** The port of DESIGN.md section 5 (8081-8084). */
    int defaultPort();

    /** The {@code @SpringBootApplication} class. */
    Class<?> applicationClass();

    /**
     * Where the service keeps its state when {@code analytics.streams.state-stores} is not set: the kind its own
     * measurements favour (README's sizing advice says why for each service).
     */
    default StateStores stateStores() {
        return StateStores.ROCKSDB;
    }

    /** The definition of the service named {@code name} on the class path, if it has one. */
    static Optional<AnalyticsServiceDefinition> named(String name) {
        return ServiceLoader.load(AnalyticsServiceDefinition.class).stream().map(ServiceLoader.Provider::get)
                .filter(definition -> definition.name().equals(name)).findFirst();
    }
}
