package com.example.analytics.user;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** user-analytics-service: sessions, engagement and live session metrics (DESIGN.md sections 3-5). */
@SpringBootApplication
public class UserAnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(UserAnalyticsApplication.class, args);
    }
}
