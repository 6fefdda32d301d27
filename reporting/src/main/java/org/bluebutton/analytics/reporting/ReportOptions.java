package org.bluebutton.analytics.reporting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;

/**
 * Everything one report run needs. The defaults match the README's local run; the command line
 * ({@link org.bluebutton.analytics.reporting.cli.ReportCommand}) is the only place that reads
 * them from arguments or the environment.
 *
 * @param year the calendar year the report is about
 * @param out the output directory; replaced as a whole when the run succeeds
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API
 * @param topicPrefix prepended to every catalogue topic name (empty for the standard names); lets
 *     several environments, or tests, share one cluster
 * @param connectTimeout how long Kafka and the registry may take to answer the first request
 * @param readTimeout how long reading may make no progress before the snapshot is abandoned
 * @param streams which streams application must have committed everything it read before the
 *     snapshot is taken, how long to wait for it, and whether to run anyway
 * @param through the last day of a year-to-date report (the last day of a month of {@code year}), or
 *     null for the whole year
 * @param kafkaSecurity TLS/SASL of the report's Kafka clients (the {@code BLUEBUTTON_KAFKA_*} variables)
 * @param registrySecurity basic auth and trusted CAs for the registry
 */
public record ReportOptions(
        int year,
        Path out,
        String bootstrapServers,
        String schemaRegistryUrl,
        String topicPrefix,
        Duration connectTimeout,
        Duration readTimeout,
        StreamsCheck streams,
        java.time.LocalDate through,
        KafkaClientSecurity kafkaSecurity,
        RegistryClientSecurity registrySecurity) {

    /** The local run's broker. */
    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    /** The local run's registry (Apicurio's Confluent-compatible API). */
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";
    /** Standard topic names. */
    public static final String DEFAULT_TOPIC_PREFIX = "";
    /** A broker or registry that has not answered in 15 s is treated as unreachable. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(15);
    /** A snapshot read that makes no progress for 60 s is abandoned. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(60);
    /** The program started in 2010; reports before that have no data by construction. */
    public static final int EARLIEST_YEAR = 2010;
    /** Upper bound that catches typos such as 20255. */
    public static final int LATEST_YEAR = 2100;

    public ReportOptions {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
        Objects.requireNonNull(topicPrefix, "topicPrefix");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
        Objects.requireNonNull(streams, "streams");
        Objects.requireNonNull(kafkaSecurity, "kafkaSecurity");
        Objects.requireNonNull(registrySecurity, "registrySecurity");
        if (year < EARLIEST_YEAR || year > LATEST_YEAR) {
            throw new InvalidReportOptionException("--year must be between " + EARLIEST_YEAR + " and " + LATEST_YEAR + ", got " + year);
        }
        if (bootstrapServers.isBlank()) {
            throw new InvalidReportOptionException("--bootstrap-servers must not be empty");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new InvalidReportOptionException("--connect-timeout and --read-timeout must be positive");
        }
        if (through != null && (through.getYear() != year || through.getDayOfMonth() != through.lengthOfMonth())) {
            throw new InvalidReportOptionException("--through must be the last day of a month of --year " + year + " (the figures are monthly), got "
                    + through + "; e.g. " + java.time.LocalDate.of(year, 8, 31));
        }
        out = out.toAbsolutePath().normalize();
        if (out.getParent() == null) {
            throw new InvalidReportOptionException("--out must not be the file-system root: the run writes a sibling temporary directory");
        }
    }

    /** Options without connection security (a plaintext cluster, a registry without auth): the local run and the tests. */
    public ReportOptions(int year, Path out, String bootstrapServers, String schemaRegistryUrl, String topicPrefix, Duration connectTimeout,
            Duration readTimeout, StreamsCheck streams, java.time.LocalDate through) {
        this(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, streams, through,
                KafkaClientSecurity.PLAINTEXT, RegistryClientSecurity.NONE);
    }

    /** A copy connecting with {@code kafka} and {@code registry}. */
    public ReportOptions withSecurity(KafkaClientSecurity kafka, RegistryClientSecurity registry) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, streams, through,
                kafka, registry);
    }

    /** What every Kafka client of the run starts from: {@code bootstrap.servers} and the connection's security settings. */
    public java.util.Map<String, Object> kafkaClientConfig() {
        return kafkaSecurity.applyTo(java.util.Map.of("bootstrap.servers", bootstrapServers));
    }

    /** Options for {@code year} and {@code out} with every other setting at its local default. */
    public static ReportOptions localDefaults(int year, Path out) {
        return new ReportOptions(year, out, DEFAULT_BOOTSTRAP_SERVERS, DEFAULT_SCHEMA_REGISTRY_URL, DEFAULT_TOPIC_PREFIX,
                DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, StreamsCheck.DEFAULT, null);
    }

    /** A copy reading from another cluster and registry. */
    public ReportOptions withConnection(String bootstrapServers, String schemaRegistryUrl) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, streams, through, kafkaSecurity, registrySecurity);
    }

    /** A copy with another topic prefix. */
    public ReportOptions withTopicPrefix(String prefix) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, prefix, connectTimeout, readTimeout, streams, through, kafkaSecurity, registrySecurity);
    }

    /** A copy with other timeouts. */
    public ReportOptions withTimeouts(Duration connect, Duration read) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connect, read, streams, through, kafkaSecurity, registrySecurity);
    }

    /** A copy writing to another directory. */
    public ReportOptions withOut(Path directory) {
        return new ReportOptions(year, directory, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, streams, through, kafkaSecurity, registrySecurity);
    }

    /** A copy for the year to date through {@code lastDay} (the last day of a month of the year), or the whole year (null). */
    public ReportOptions withThrough(java.time.LocalDate lastDay) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, streams, lastDay, kafkaSecurity, registrySecurity);
    }

    /** What the report covers. */
    public org.bluebutton.analytics.reporting.model.ReportPeriod period() {
        return through == null ? org.bluebutton.analytics.reporting.model.ReportPeriod.wholeYear(year)
                : new org.bluebutton.analytics.reporting.model.ReportPeriod(year, through.getMonthValue());
    }

    /** A copy with another streams check. */
    public ReportOptions withStreams(StreamsCheck check) {
        return new ReportOptions(year, out, bootstrapServers, schemaRegistryUrl, topicPrefix, connectTimeout, readTimeout, check, through, kafkaSecurity, registrySecurity);
    }

    /**
     * The check before the snapshot: the streams application that writes the aggregate topics has
     * committed everything it read, so the report does not publish figures that are about to change.
     *
     * @param applicationId the streams application id (its consumer group)
     * @param patience how long to wait for it to catch up before giving up (zero: check once)
     * @param ignoreLag run anyway when it has not caught up; the manifest then records the lag
     */
    public record StreamsCheck(String applicationId, Duration patience, boolean ignoreLag) {

        /** The deployed streams application's id (StreamsSettings' default; reporting does not depend on streams). */
        public static final String DEFAULT_APPLICATION_ID = "bluebutton-streams";
        /** Long enough for the commits of a pipeline that has just been fed; short enough to fail a forgotten one fast. */
        public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);
        /** Wait for the default application, refuse when it lags. */
        public static final StreamsCheck DEFAULT = new StreamsCheck(DEFAULT_APPLICATION_ID, DEFAULT_WAIT, false);

        public StreamsCheck {
            Objects.requireNonNull(applicationId, "applicationId");
            Objects.requireNonNull(patience, "patience");
            if (applicationId.isBlank()) {
                throw new InvalidReportOptionException("--streams-application-id must not be empty");
            }
            if (patience.isNegative()) {
                throw new InvalidReportOptionException("--streams-wait must not be negative");
            }
        }
    }
}
