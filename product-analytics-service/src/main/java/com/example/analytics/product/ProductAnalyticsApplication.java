package com.example.analytics.product;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Product views, unique users, conversion, trending, global top-N and per-store sales summaries (port 8082). */
@SpringBootApplication
@EnableConfigurationProperties(ProductProperties.class)
public class ProductAnalyticsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProductAnalyticsApplication.class, args);
    }
}
