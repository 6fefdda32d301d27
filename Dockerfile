# Container images of the three services, built from this repository:
#
#   docker build --target ingest    -t bluebutton/ingest:local .
#   docker build --target streams   -t bluebutton/streams:local .
#   docker build --target reporting -t bluebutton/reporting:local .
#
# docker-compose.yml builds them itself (build.target). One build stage compiles everything once;
# each runtime stage copies only its module's jar and runtime dependencies.
#
# Every shell step starts with "set -eux": a failing command fails the image build (a "for" loop or an
# "&&" chain alone returns only its last command's status), and the build log shows each command.
# Base images are pinned to exact Temurin release tags (17.0.16+8 on Ubuntu 24.04 "noble"); digests
# could not be looked up where this file was written — pin those too where a registry is reachable.

# ---------------------------------------------------------------------------------------------
# Build: the Maven Wrapper fetches Maven 3.9.11, Maven fetches the dependencies from Central.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.16_8-jdk-noble AS build
WORKDIR /src
# The whole source tree (less what .dockerignore leaves out): Maven reads every module's POM listed
# in the parent, even those "-pl" leaves out of the reactor.
COPY . .
# The cache mount keeps ~/.m2 between builds on the same machine (BuildKit, the default builder since
# Docker 23); it is not part of the image.
# "-am" builds what the three modules need, test scope included (their tests compile against the
# local stack). registry-server, the Apicurio build the local stack's tests start, is in no image:
# it is left out ("!registry-server"), and only its POM is installed, because local-stack names it
# (type pom, provided) just to order the reactor.
RUN --mount=type=cache,target=/root/.m2 \
    set -eux; \
    ./mvnw -B -N install:install-file -Dfile=registry-server/pom.xml -DpomFile=registry-server/pom.xml -Dpackaging=pom; \
    ./mvnw -B -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
        -pl 'ingest,streams,reporting,!registry-server' -am
# Each image's layout, in target/images/<module>: the module's main jar as app.jar, chosen by its exact
# name (artifact id and version from the jar's own pom.properties; a module may also build a
# "-tests" jar), and its runtime dependencies in lib/.
RUN set -eux; \
    for module in ingest streams reporting; do \
        version="$(sed -n 's/^version=//p' "$module/target/maven-archiver/pom.properties")"; \
        test -n "$version"; \
        mkdir -p "target/images/$module"; \
        cp "$module/target/$module-$version.jar" "target/images/$module/app.jar"; \
        cp -r "$module/target/dependency" "target/images/$module/lib"; \
    done

# ---------------------------------------------------------------------------------------------
# Runtime base: a JRE, curl for the compose health checks, and an unprivileged user.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:17.0.16_8-jre-noble AS runtime
# curl is what the compose health checks call; installed explicitly rather than relying on the
# base image happening to ship it.
RUN set -eux; \
    apt-get update; \
    apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*; \
    groupadd --system --gid 10001 bluebutton; \
    useradd --system --uid 10001 --gid bluebutton --home-dir /app --shell /usr/sbin/nologin bluebutton
WORKDIR /app
# JVM flags are in each ENTRYPOINT, not in JAVA_TOOL_OPTIONS (which makes every JVM, the health
# checks' too, print "Picked up JAVA_TOOL_OPTIONS" on start). The heap is a share of the container's
# memory limit (mem_limit in docker-compose.yml): change the limit and the heap follows.

# ---------------------------------------------------------------------------------------------
# ingest: the HTTP service (port 8080). Settings: BLUEBUTTON_INGEST_* (IngestConfiguration).
# Heap 60 % of the container limit; the rest is metaspace, threads, Netty's direct buffers.
# ---------------------------------------------------------------------------------------------
FROM runtime AS ingest
COPY --from=build /src/target/images/ingest/ /app/
USER bluebutton
EXPOSE 8080
# Exec form: java itself expands "lib/*" (no shell involved), and signals reach the JVM directly.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=60", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.ingest.Application"]

# ---------------------------------------------------------------------------------------------
# streams: Kafka Streams and the query API (port 8090). Settings: BLUEBUTTON_STREAMS_* or options
# (StreamsApplication). State lives in /var/lib/bluebutton/streams, made here so that a named
# volume mounted on it starts owned by the service's user. Heap 50 % of the container limit: the
# state stores (RocksDB) live outside the heap.
# ---------------------------------------------------------------------------------------------
FROM runtime AS streams
COPY --from=build /src/target/images/streams/ /app/
RUN set -eux; \
    mkdir -p /var/lib/bluebutton/streams; \
    chown bluebutton:bluebutton /var/lib/bluebutton/streams
USER bluebutton
ENV BLUEBUTTON_STREAMS_STATE_DIR=/var/lib/bluebutton/streams
EXPOSE 8090
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.streams.StreamsApplication"]

# ---------------------------------------------------------------------------------------------
# reporting: the annual-report command, run once (options only, e.g. --year 2025 --out /reports/2025).
# /reports is made here for the same reason as the streams state directory. Heap 70 % of the
# container limit (Parquet writers buffer row groups on the heap).
# ---------------------------------------------------------------------------------------------
FROM runtime AS reporting
COPY --from=build /src/target/images/reporting/ /app/
RUN set -eux; \
    mkdir -p /reports; \
    chown bluebutton:bluebutton /reports
USER bluebutton
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=70", "-XX:+ExitOnOutOfMemoryError", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.reporting.cli.ReportCommand"]
