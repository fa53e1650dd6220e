package com.example.analytics.support;

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
}
