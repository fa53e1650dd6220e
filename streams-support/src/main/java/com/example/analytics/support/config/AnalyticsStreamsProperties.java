package com.example.analytics.support.config;

import com.example.analytics.support.AnalyticsServiceDefinition;
import com.example.analytics.support.streams.StateStores;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How a service runs Kafka Streams, under {@code analytics.streams.*} (env: {@code ANALYTICS_STREAMS_*}).
 * Connection and security settings stay where Spring users look for them: {@code spring.kafka.*}.
 *
 * @param serviceName          names the service in DLQ headers, metrics and action sources; defaults to
 *                             {@code spring.application.name}
 * @param applicationId        Kafka Streams {@code application.id} (consumer group, internal topic prefix);
 *                             defaults to the service name
 * @param applicationServer    {@code host:port} other instances use to reach this one's REST API; defaults to
 *                             {@code advertisedHost} and the port the web server actually bound
 * @param internalPort         a second port that alone serves the instance-to-instance endpoints ({@code /internal/...}),
 *                             so they can be kept from clients; unset, the API port serves them too. When set and
 *                             {@code applicationServer} is not, other instances are told this port
 * @param stateDir             state directory of this instance; defaults to a directory unique to the
 *                             application id and port under {@code java.io.tmpdir}
 * @param grace                how far behind stream time an event may arrive and still count
 * @param maxFutureSkew        how far ahead of the wall clock an event time may be; later ones are bad input,
 *                             so one wrong clock cannot advance stream time and close every window
 * @param maxEventBytes        the largest input value accepted; larger ones are bad input (an event is a few
 *                             hundred bytes, and what it carries ends up in state and changelog records)
 * @param replicationFactor    for topics the service creates and for internal topics; -1 = broker default
 * @param stateStores          {@code rocksdb} or {@code in-memory}: where state stores keep their data, see
 *                             {@link StateStores}; unset, each service's own default
 *                             ({@link com.example.analytics.support.AnalyticsServiceDefinition#stateStores()})
 */
@Validated
@ConfigurationProperties("analytics.streams")
public record AnalyticsStreamsProperties(
        @NotBlank String serviceName,
        String applicationId,
        @Pattern(regexp = "[^:]+:\\d{1,5}", message = "must be host:port") String applicationServer,
        @NotBlank @DefaultValue("localhost") String advertisedHost,
        @Min(1) @Max(65535) Integer internalPort,
        String stateDir,
        @NotNull @DefaultValue("exactly_once_v2") ProcessingGuarantee processingGuarantee,
        @Min(0) @Max(10) @DefaultValue("0") int numStandbyReplicas,
        @Min(1) @Max(64) @DefaultValue("1") int numStreamThreads,
        @NotNull @DefaultValue("100ms") Duration commitInterval,
        @Min(1) @Max(10_000) @DefaultValue("6") int partitions,
        @Min(-1) @Max(32) @DefaultValue("-1") short replicationFactor,
        @NotNull @DefaultValue("5s") Duration grace,
        @NotNull @DurationMin(seconds = 1) @DefaultValue("1h") Duration maxFutureSkew,
        @Min(1024) @Max(1024 * 1024) @DefaultValue("65536") int maxEventBytes,
        @DefaultValue("true") boolean createTopics,
        @NotNull @DefaultValue("30s") Duration closeTimeout,
        @NotNull @DefaultValue("2s") Duration queryTimeout,
        @NotNull @DefaultValue("2s") Duration retryAfter,
        StateStores stateStores) {

    public enum ProcessingGuarantee {
        EXACTLY_ONCE_V2("exactly_once_v2"),
        AT_LEAST_ONCE("at_least_once");

        private final String kafkaValue;

        ProcessingGuarantee(String kafkaValue) {
            this.kafkaValue = kafkaValue;
        }

        public String kafkaValue() {
            return kafkaValue;
        }
    }

    /** The kind of state store set, else the service's own default, else RocksDB. */
    public StateStores effectiveStateStores() {
        return stateStores != null ? stateStores : AnalyticsServiceDefinition.named(serviceName)
                .map(AnalyticsServiceDefinition::stateStores).orElse(StateStores.ROCKSDB);
    }

    public String effectiveApplicationId() {
        return applicationId == null || applicationId.isBlank() ? serviceName : applicationId;
    }
}
