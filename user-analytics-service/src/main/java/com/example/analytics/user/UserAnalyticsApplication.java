package com.example.analytics.user;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** user-analytics-service: sessions, engagement and live session metrics (DESIGN.md sections 3-5). */
@SpringBootApplication
public class UserAnalyticsApplication {

    public static final int DEFAULT_PORT = 8081;

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(UserAnalyticsApplication.class);
        // A default, not application.yml, so that SERVER_PORT, --server.port and the launcher's port all win.
        application.setDefaultProperties(Map.of("server.port", DEFAULT_PORT));
        application.run(args);
    }
}
