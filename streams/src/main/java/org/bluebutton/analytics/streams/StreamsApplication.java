package org.bluebutton.analytics.streams;

import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_ADVERTISED_HOST;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_APPLICATION_ID;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_BOOTSTRAP_SERVERS;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_COMMIT_INTERVAL;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_GRACE;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_HTTP_PORT;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_HUB_REFRESH;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_INITIALIZE_TOPICS;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_PUBLIC_RATE_BURST;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_PUBLIC_RATE_LIMIT;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_REGISTER_SCHEMAS;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_REPLICATION_FACTOR;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_RETRY_AFTER;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_SCHEMA_REGISTRY_URL;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_STANDBY_REPLICAS;
import static org.bluebutton.analytics.streams.StreamsSettings.DEFAULT_STATE_DIR;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;
import org.bluebutton.analytics.contracts.security.InvalidSecuritySettingException;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The streams service's command line: reads {@link StreamsSettings} from options (each with its
 * {@code BLUEBUTTON_STREAMS_*} environment variable and default) and runs {@link StreamsService} until
 * stopped. Nothing else: programs that start the service in their own process build the settings.
 */
@Command(name = "bluebutton-streams", mixinStandardHelpOptions = true,
        description = "Deduplicates and aggregates the Blue Button Pledge events, exactly once.")
public final class StreamsApplication implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", defaultValue = "${env:BLUEBUTTON_STREAMS_BOOTSTRAP_SERVERS:-" + DEFAULT_BOOTSTRAP_SERVERS + "}",
            description = "Kafka bootstrap.servers (env BLUEBUTTON_STREAMS_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:BLUEBUTTON_STREAMS_SCHEMA_REGISTRY_URL:-" + DEFAULT_SCHEMA_REGISTRY_URL + "}",
            description = "Registry API base URL (env BLUEBUTTON_STREAMS_SCHEMA_REGISTRY_URL, default ${DEFAULT-VALUE})")
    String schemaRegistryUrl;

    @Option(names = "--application-id", defaultValue = "${env:BLUEBUTTON_STREAMS_APPLICATION_ID:-" + DEFAULT_APPLICATION_ID + "}",
            description = "Kafka Streams application.id; instances with the same id share the work (default ${DEFAULT-VALUE})")
    String applicationId;

    @Option(names = "--instance-id", defaultValue = "${env:BLUEBUTTON_STREAMS_INSTANCE_ID}",
            description = "Stable name of this instance (env BLUEBUTTON_STREAMS_INSTANCE_ID; e.g. the pod name). With it, "
                    + "a restarted instance takes its old place in the group at once instead of after the session timeout")
    String instanceId;

    @Option(names = "--state-dir", defaultValue = "${env:BLUEBUTTON_STREAMS_STATE_DIR:-" + DEFAULT_STATE_DIR + "}",
            description = "Directory of the local state stores (default ${DEFAULT-VALUE})")
    Path stateDir;

    @Option(names = "--grace", defaultValue = "${env:BLUEBUTTON_STREAMS_GRACE:-" + DEFAULT_GRACE + "}",
            description = "How long after a month ends its events still count, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--commit-interval", defaultValue = "${env:BLUEBUTTON_STREAMS_COMMIT_INTERVAL:-" + DEFAULT_COMMIT_INTERVAL + "}",
            description = "Transaction commit interval: bounds how stale outputs are (default ${DEFAULT-VALUE})")
    Duration commitInterval;

    @Option(names = "--replication-factor", defaultValue = "${env:BLUEBUTTON_STREAMS_REPLICATION_FACTOR:-" + DEFAULT_REPLICATION_FACTOR + "}",
            description = "Replication of internal and created topics (default ${DEFAULT-VALUE}; 1 on one local broker)")
    short replicationFactor;

    @Option(names = "--initialize-topics", defaultValue = "${env:BLUEBUTTON_STREAMS_INITIALIZE_TOPICS:-" + DEFAULT_INITIALIZE_TOPICS + "}",
            arity = "1", description = "Create missing catalogue topics and check existing ones at start (default ${DEFAULT-VALUE})")
    boolean initializeTopics;

    @Option(names = "--register-schemas", defaultValue = "${env:BLUEBUTTON_STREAMS_REGISTER_SCHEMAS:-" + DEFAULT_REGISTER_SCHEMAS + "}",
            arity = "1", description = "Register the catalogue's schemas at start; production uses register-schemas (default ${DEFAULT-VALUE})")
    boolean registerSchemas;

    @Option(names = "--http-port", defaultValue = "${env:BLUEBUTTON_STREAMS_HTTP_PORT:-" + DEFAULT_HTTP_PORT + "}",
            description = "Port of the query API, Hub and dashboard (env BLUEBUTTON_STREAMS_HTTP_PORT, default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--advertised-host", defaultValue = "${env:BLUEBUTTON_STREAMS_ADVERTISED_HOST:-" + DEFAULT_ADVERTISED_HOST + "}",
            description = "Host name other instances reach this one's query API at: application.server (default ${DEFAULT-VALUE})")
    String advertisedHost;

    @Option(names = "--staff-key-sha256", defaultValue = "${env:BLUEBUTTON_STREAMS_STAFF_KEY_SHA256}",
            description = "Hex SHA-256 of the staff key's secret part, either case, as ingest's (env BLUEBUTTON_STREAMS_STAFF_KEY_SHA256; required)")
    String staffKeySha256;

    @Option(names = "--peer-secret", defaultValue = "${env:BLUEBUTTON_STREAMS_PEER_SECRET}",
            description = "Secret the instances of this application present to each other's internal routes: the same on every "
                    + "instance, 32 to 256 printable ASCII characters (env BLUEBUTTON_STREAMS_PEER_SECRET; required; never logged)")
    String peerSecret;

    @Option(names = "--retry-after", defaultValue = "${env:BLUEBUTTON_STREAMS_RETRY_AFTER:-" + DEFAULT_RETRY_AFTER + "}",
            description = "Retry-After of a 503 while stores migrate between instances (default ${DEFAULT-VALUE})")
    Duration retryAfter;

    @Option(names = "--hub-refresh", defaultValue = "${env:BLUEBUTTON_STREAMS_HUB_REFRESH:-" + DEFAULT_HUB_REFRESH + "}",
            description = "How old the public Hub's snapshot of the figures may get before a request refreshes it, 1 s to 1 h "
                    + "(default ${DEFAULT-VALUE})")
    Duration hubRefresh;

    @Option(names = "--public-rate-limit", defaultValue = "${env:BLUEBUTTON_STREAMS_PUBLIC_RATE_LIMIT:-" + DEFAULT_PUBLIC_RATE_LIMIT + "}",
            description = "Requests per second one client address may make to the public Hub; more get 429 (default ${DEFAULT-VALUE})")
    int publicRateLimit;

    @Option(names = "--public-rate-burst", defaultValue = "${env:BLUEBUTTON_STREAMS_PUBLIC_RATE_BURST:-" + DEFAULT_PUBLIC_RATE_BURST + "}",
            description = "Requests one client address may make to the public Hub at once, at least the rate (default ${DEFAULT-VALUE})")
    int publicRateBurst;

    @Option(names = "--standby-replicas", defaultValue = "${env:BLUEBUTTON_STREAMS_STANDBY_REPLICAS:-" + DEFAULT_STANDBY_REPLICAS + "}",
            description = "Warm copies of each task's state kept on other instances (num.standby.replicas), 0 to "
                    + StreamsSettings.MAX_STANDBY_REPLICAS + ": with one, the loss of an instance does not replay its changelogs "
                    + "(default ${DEFAULT-VALUE}; set 1 when running two or more instances)")
    int standbyReplicas;

    @Option(names = "--ingest-url", defaultValue = "${env:BLUEBUTTON_STREAMS_INGEST_URL:-}",
            description = "Ingest's base URL as browsers reach it, e.g. https://ingest.example.org: the Hub links to its sign-up page "
                    + "and the dashboard to its staff pages (default: none, no links)")
    String ingestUrl;

    @Override
    public Integer call() throws InterruptedException {
        StreamsService service;
        try {
            service = StreamsService.create(settings());
        } catch (IncompatibleStateException e) {
            System.err.println("Cannot start: " + e.getMessage());
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::close, "streams-shutdown"));
        service.startProcessing();
        return service.awaitTermination();
    }

    /**
     * The settings these options describe; a bad one is a {@link CommandLine.ParameterException}
     * naming the option and its environment variable.
     */
    StreamsSettings settings() {
        try {
            return new StreamsSettings(bootstrapServers, schemaRegistryUrl, applicationId, instanceId, stateDir, grace, commitInterval,
                    replicationFactor, initializeTopics, registerSchemas, httpPort, advertisedHost, staffKeySha256, peerSecret, retryAfter,
                    hubRefresh, publicRateLimit(), standbyReplicas, KafkaClientSecurity.fromEnvironment(), RegistryClientSecurity.fromEnvironment(), ingestUrl);
        } catch (InvalidSecuritySettingException e) {
            // Secrets are read from the environment only (never options, which other users of the machine can read).
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        } catch (InvalidStreamsSettingException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--" + e.setting() + " (or "
                    + StreamsSettings.environmentVariable(e.setting()) + ") " + e.rule());
        }
    }

    private RateLimit publicRateLimit() {
        try {
            return new RateLimit(publicRateLimit, publicRateBurst);
        } catch (IllegalArgumentException e) {
            throw new InvalidStreamsSettingException(e.getMessage().contains("burst") ? "public-rate-burst" : "public-rate-limit", e.getMessage());
        }
    }

    /**
     * The command line that starts an instance with {@code settings} in a process of its own (the cluster
     * suite runs instances it can kill): written here, beside the options, so that no other module spells
     * them. Connection security is not on it: secrets travel in the environment only.
     */
    public static List<String> arguments(StreamsSettings settings) {
        List<String> arguments = new ArrayList<>(List.of(
                "--bootstrap-servers", settings.bootstrapServers(),
                "--schema-registry-url", settings.schemaRegistryUrl(),
                "--application-id", settings.applicationId(),
                "--state-dir", settings.stateDir().toString(),
                "--grace", settings.grace().toString(),
                "--commit-interval", settings.commitInterval().toString(),
                "--replication-factor", Short.toString(settings.replicationFactor()),
                "--initialize-topics", Boolean.toString(settings.initializeTopics()),
                "--register-schemas", Boolean.toString(settings.registerSchemas()),
                "--http-port", Integer.toString(settings.httpPort()),
                "--advertised-host", settings.advertisedHost(),
                "--staff-key-sha256", settings.staffKeySha256(),
                "--peer-secret", settings.peerSecret(),
                "--retry-after", settings.retryAfter().toString(),
                "--hub-refresh", settings.hubRefresh().toString(),
                "--public-rate-limit", Integer.toString(settings.publicRateLimit().perSecond()),
                "--public-rate-burst", Integer.toString(settings.publicRateLimit().burst()),
                "--standby-replicas", Integer.toString(settings.standbyReplicas())));
        if (settings.instanceId() != null) {
            arguments.addAll(List.of("--instance-id", settings.instanceId()));
        }
        if (settings.ingestUrl() != null) {
            arguments.addAll(List.of("--ingest-url", settings.ingestUrl()));
        }
        return arguments;
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new StreamsApplication()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
