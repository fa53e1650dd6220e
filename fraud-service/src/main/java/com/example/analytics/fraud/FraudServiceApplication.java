package com.example.analytics.fraud;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Fraud signals per user: excessive activity, impossible travel, suspicious login → large transaction (8084). */
@SpringBootApplication
@EnableConfigurationProperties(FraudProperties.class)
public class FraudServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(FraudServiceApplication.class, args);
    }
}
