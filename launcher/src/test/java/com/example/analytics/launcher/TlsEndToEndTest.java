package com.example.analytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.analytics.fraud.FraudServiceApplication;
import com.example.analytics.model.topics.Topics;
import com.example.analytics.support.streams.DeadLetters;
import com.example.analytics.support.test.GoodEvents;
import com.example.analytics.support.test.Http;
import com.example.analytics.support.test.ServiceInstance;
import com.example.analytics.support.test.TopicRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SslConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A broker whose only client listener is TLS, with a certificate made for this test by the JDK's keytool, and the
 * fraud service connected to it through standard {@code spring.kafka.*} settings, its truststore password read
 * from a file (Spring's configtree, as a mounted Kubernetes secret would be). Events produced over TLS become an
 * alert the REST API shows; a record only the exception handler can dead-letter shows its separate producer also
 * speaks TLS; and the password appears in no log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class TlsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(120);

    @Test
    void theFraudServiceWorksEndToEndOverTls(@TempDir Path dir, CapturedOutput output) throws Exception {
        String password = UUID.randomUUID().toString();
        Path keystore = dir.resolve("broker.p12");
        Path certificate = dir.resolve("broker.pem");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
        keytool("-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", password,
                "-file", certificate.toString());
        keytool("-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype",
                "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
        Path secrets = Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(secrets.resolve("spring.kafka.ssl.trust-store-password"), password);

        Map<String, String> brokerSsl = Map.of(
                SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, keystore.toString(),
                SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, password,
                SslConfigs.SSL_KEY_PASSWORD_CONFIG, password,
                SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString(),
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password,
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");
        Map<String, Object> client = Map.of(
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, truststore.toString(),
                SslConfigs.SSL_TRUSTSTORE_PASSWORD_CONFIG, password,
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PKCS12");

        try (KraftBroker broker = KraftBroker.start(0, dir.resolve("broker"), brokerSsl);
             ServiceInstance fraud = ServiceInstance.start(FraudServiceApplication.class, broker.bootstrapServers(),
                     "fraud-tls", Map.of(
                             "spring.application.name", "fraud-service",
                             "spring.kafka.security.protocol", "SSL",
                             "spring.kafka.ssl.trust-store-location", "file:" + truststore,
                             "spring.kafka.ssl.trust-store-type", "PKCS12",
                             "spring.config.import", "configtree:" + secrets + "/"))) {
            await().atMost(WAIT).until(() -> fraud.streams().isReady());
            Map<String, Object> overTls = new java.util.HashMap<>(client);
            overTls.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());

            // 60 events of one user within 30 s: more than 50 in a minute is excessive activity.
            List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
            Instant start = Instant.now().minus(Duration.ofMinutes(5));
            for (int i = 0; i < 60; i++) {
                String json = "{\"user_id\":\"tls_bot\",\"event_type\":\"click\",\"timestamp\":"
                        + GoodEvents.seconds(start.plusMillis(500L * i)) + ",\"data\":{}}";
                records.add(new ProducerRecord<>(Topics.USER_EVENTS.name(), "tls_bot".getBytes(StandardCharsets.UTF_8),
                        json.getBytes(StandardCharsets.UTF_8)));
            }
            // A key that is not UTF-8 fails deserialization: the exception handler's own producer dead-letters it.
            records.add(new ProducerRecord<>(Topics.USER_EVENTS.name(), new byte[] {(byte) 0xFF}, records.get(0).value()));
            TopicRecords.produce(overTls, records);

            await().atMost(WAIT).untilAsserted(() -> {
                Http.Response response = Http.get(fraud.baseUrl() + "/api/fraud/users/tls_bot");
                assertThat(response.status()).as(response.body()).isEqualTo(200);
                assertThat(response.json().get("recent_alerts")).singleElement().satisfies(alert ->
                        assertThat(alert.get("rule").asString()).isEqualTo("excessive_activity"));
            });
            await().atMost(WAIT).untilAsserted(() -> assertThat(TopicRecords.readAll(overTls,
                    Topics.ANALYTICS_DLQ.name())).singleElement().satisfies(record -> assertThat(
                    DeadLetters.text(record.headers(), DeadLetters.ERROR_REASON)).isEqualTo("KEY_NOT_UTF8")));
        }
        assertThat(output.getAll()).as("log output").doesNotContain(password);
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
    }
}
