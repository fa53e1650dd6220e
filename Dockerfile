# syntax=docker/dockerfile:1
#
# One image per runnable module, from this one file:
#   docker build --build-arg MODULE=fraud-service -t realtime-analytics/fraud-service:0.1.0 .
# MODULE is any module with an '-exec' jar: the four services or load-generator.
# docker-compose.yml builds all of them; k8s/ runs the same images.

# ---- build: the Maven wrapper on a JDK 17, exactly as a developer builds -------------------------------------------
FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
# The whole reactor (.dockerignore leaves out build output and deployment files): Maven needs every module the root
# pom lists to exist, even when it builds only some of them.
COPY . .
# Every image builds all runnable modules in this stage and MODULE is only read below, so the stage is the same for
# all five images and BuildKit builds it once. Tests run in CI (./mvnw verify), not in an image build. The cache
# mount keeps the Maven distribution and dependencies between builds; 'locked' because Maven's local repository is
# not safe for concurrent writers.
RUN --mount=type=cache,target=/root/.m2,sharing=locked \
    ./mvnw -B -q -DskipTests package \
        -pl user-analytics-service,product-analytics-service,trend-service,fraud-service,load-generator -am

# ---- layers: split the Boot jar so dependencies (large, rarely changed) and application classes are separate layers
FROM eclipse-temurin:17-jre-noble AS layers
ARG MODULE
RUN test -n "$MODULE" || (echo "build with --build-arg MODULE=<module>" >&2; exit 1)
WORKDIR /layers
COPY --from=build /src/${MODULE}/target/ /target/
# Spring Boot 4's tools jar mode; without --launcher the result is app.jar plus lib/, started with 'java -jar'.
# The jar mode runs on Spring Framework, which the load generator does not have: it stays one jar, in one layer.
RUN java -Djarmode=tools -jar /target/*-exec.jar extract --layers --application-filename app.jar --destination . \
    || { rm -rf ./* && mkdir dependencies spring-boot-loader snapshot-dependencies application \
         && cp /target/*-exec.jar application/app.jar; }

# ---- run: JRE only, non-root, read-only friendly --------------------------------------------------------------------
FROM eclipse-temurin:17-jre-noble
# A fixed numeric id, so Kubernetes can check runAsNonRoot and k8s/ can name the same id for volumes (fsGroup).
RUN groupadd --system --gid 10001 analytics \
    && useradd --system --uid 10001 --gid analytics --no-create-home --shell /usr/sbin/nologin analytics \
    && mkdir -p /var/lib/analytics/state \
    && chown -R 10001:10001 /var/lib/analytics
WORKDIR /app
COPY --from=layers /layers/dependencies/ ./
COPY --from=layers /layers/spring-boot-loader/ ./
COPY --from=layers /layers/snapshot-dependencies/ ./
COPY --from=layers /layers/application/ ./
# The only places the process writes: Kafka Streams state (a volume in docker-compose and Kubernetes) and /tmp
# (RocksDB's native library is unpacked there, and Tomcat keeps its work directory there).
ENV ANALYTICS_STREAMS_STATEDIR=/var/lib/analytics/state
# The heap is half the container's memory limit: RocksDB block caches and memtables, metaspace and thread stacks
# live outside it. An OutOfMemoryError ends the JVM so the orchestrator restarts it instead of leaving it half alive.
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=50 -XX:+ExitOnOutOfMemoryError"
USER 10001:10001
# Exec form: java is PID 1 and gets SIGTERM, so Spring's graceful shutdown closes Kafka Streams cleanly.
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
