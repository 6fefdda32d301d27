# Container images of the three services, built from this repository:
#
#   docker build --target ingest    -t bluebutton/ingest:local .
#   docker build --target streams   -t bluebutton/streams:local .
#   docker build --target reporting -t bluebutton/reporting:local .
#
# docker-compose.yml builds them itself (build.target). One build stage compiles everything once;
# each runtime stage copies only its module's jar and runtime dependencies.

# ---------------------------------------------------------------------------------------------
# Build: the Maven Wrapper fetches Maven 3.9.11, Maven fetches the dependencies from Central.
# "-am" also builds what the three modules depend on, test scope included: schemas, local-stack and
# registry-server (the Apicurio build the local stack's tests start). registry-server is not in any
# image; it is built only because the reactor orders it before local-stack.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
# The whole source tree (less what .dockerignore leaves out): Maven reads every module's POM listed
# in the parent, even those "-pl" leaves out of the reactor.
COPY . .
# The cache mount keeps ~/.m2 between builds on the same machine (BuildKit, the default builder since
# Docker 23); it is not part of the image.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
        -pl ingest,streams,reporting -am \
    && for module in ingest streams reporting; do \
         mkdir -p /out/$module \
         && cp $module/target/$module-*.jar /out/$module/app.jar \
         && cp -r $module/target/dependency /out/$module/lib; \
       done

# ---------------------------------------------------------------------------------------------
# Runtime base: a JRE, curl for the compose health checks, and an unprivileged user.
# ---------------------------------------------------------------------------------------------
FROM eclipse-temurin:17-jre AS runtime
# curl is what the compose health checks call; installed explicitly rather than relying on the
# base image happening to ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 bluebutton \
    && useradd --system --uid 10001 --gid bluebutton --home-dir /app --shell /usr/sbin/nologin bluebutton
WORKDIR /app
# Container-aware heap sizing instead of a fixed -Xmx; override with JAVA_TOOL_OPTIONS.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"

# ---------------------------------------------------------------------------------------------
# ingest: the HTTP service (port 8080). Settings: BLUEBUTTON_INGEST_* (IngestConfiguration).
# ---------------------------------------------------------------------------------------------
FROM runtime AS ingest
COPY --from=build /out/ingest/ /app/
USER bluebutton
EXPOSE 8080
# Exec form: java itself expands "lib/*" (no shell involved), and signals reach the JVM directly.
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.ingest.Application"]

# ---------------------------------------------------------------------------------------------
# streams: Kafka Streams and the query API (port 8090). Settings: BLUEBUTTON_STREAMS_* or options
# (StreamsApplication). State lives in /var/lib/bluebutton/streams, made here so that a named
# volume mounted on it starts owned by the service's user.
# ---------------------------------------------------------------------------------------------
FROM runtime AS streams
COPY --from=build /out/streams/ /app/
RUN mkdir -p /var/lib/bluebutton/streams && chown bluebutton:bluebutton /var/lib/bluebutton/streams
USER bluebutton
ENV BLUEBUTTON_STREAMS_STATE_DIR=/var/lib/bluebutton/streams
EXPOSE 8090
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.streams.StreamsApplication"]

# ---------------------------------------------------------------------------------------------
# reporting: the annual-report command, run once (options only, e.g. --year 2025 --out /reports/2025).
# /reports is made here for the same reason as the streams state directory.
# ---------------------------------------------------------------------------------------------
FROM runtime AS reporting
COPY --from=build /out/reporting/ /app/
RUN mkdir -p /reports && chown bluebutton:bluebutton /reports
USER bluebutton
ENTRYPOINT ["java", "-cp", "/app/app.jar:/app/lib/*", "org.bluebutton.analytics.reporting.cli.ReportCommand"]
