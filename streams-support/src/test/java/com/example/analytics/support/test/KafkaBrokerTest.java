package com.example.analytics.support.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A test class that runs against one embedded KRaft broker set up for exactly-once (transaction log with one
 * replica). Topics are not created up front: services create their own, as in production.
 * Inject the broker with an {@code EmbeddedKafkaBroker} parameter on a {@code @BeforeAll} method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EmbeddedKafka(partitions = 6, brokerProperties = {
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "offsets.topic.replication.factor=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=false"})
public @interface KafkaBrokerTest {
}
