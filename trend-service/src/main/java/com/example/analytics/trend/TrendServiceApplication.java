package com.example.analytics.trend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Event-type spikes over user and product events (port 8083). */
@SpringBootApplication
@EnableConfigurationProperties(TrendProperties.class)
public class TrendServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(TrendServiceApplication.class, args);
    }
}
