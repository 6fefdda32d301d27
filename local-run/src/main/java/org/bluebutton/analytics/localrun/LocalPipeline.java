package org.bluebutton.analytics.localrun;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.query.QueryServer;
import org.bluebutton.analytics.streams.query.QuerySettings;
import picocli.CommandLine;

/**
 * The services of the pipeline on a local stack, in this process: ingest (topics created, schemas
 * registered) and one streams instance with its query API, sharing a staff key generated for this
 * pipeline. Closing stops ingest (flushing in-flight sends), then the query API, then streams.
 */
public final class LocalPipeline implements AutoCloseable {

    /** Short enough that the whole shutdown fits in the stack children's 30 s wait. */
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** The streams application's id: its consumer group and the prefix of its internal topics. */
    private static final String APPLICATION_ID = "bluebutton-streams";

    private final ApplicationContext ingest;
    private final QueryServer query;
    private final KafkaStreams streams;
    private final ApiKey staffKey;
    private final int ingestPort;
    private final int queryPort;
    private final CommittedCatchUp catchUp;

    private LocalPipeline(ApplicationContext ingest, QueryServer query, KafkaStreams streams, ApiKey staffKey, int ingestPort, int queryPort,
            CommittedCatchUp catchUp) {
        this.ingest = ingest;
        this.query = query;
        this.streams = streams;
        this.staffKey = staffKey;
        this.ingestPort = ingestPort;
        this.queryPort = queryPort;
        this.catchUp = catchUp;
    }

    /** Starts ingest on {@code ingestPort} and streams with its query API on {@code queryPort}, state under {@code stateDirectory}. */
    public static LocalPipeline start(LocalStack stack, int ingestPort, int queryPort, Path stateDirectory) {
        ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
        ApplicationContext ingest = ApplicationContext.run(EmbeddedServer.class, Map.of(
                        "micronaut.server.port", ingestPort,
                        "bluebutton.ingest.kafka-bootstrap-servers", stack.bootstrapServers(),
                        "bluebutton.ingest.schema-registry-url", stack.schemaRegistryUrl(),
                        "bluebutton.ingest.staff-key-sha256", staffKey.secretSha256(),
                        "bluebutton.ingest.replication-factor", 1,
                        "bluebutton.ingest.register-schemas", true)).getApplicationContext();
        KafkaStreams streams = null;
        QueryServer query = null;
        try {
            StreamsApplication application = new StreamsApplication();
            new CommandLine(application).parseArgs(
                    "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl(),
                    "--application-id", APPLICATION_ID,
                    "--state-dir", stateDirectory.toAbsolutePath().toString(),
                    "--replication-factor", "1",
                    "--instance-id", "local-run",
                    "--http-port", Integer.toString(queryPort),
                    "--staff-key-sha256", staffKey.secretSha256(),
                    "--peer-secret", QuerySettings.newPeerSecret());
            streams = application.create();
            query = application.startQueryServer(streams);
            streams.start();
            return new LocalPipeline(ingest, query, streams, staffKey, ingestPort, queryPort,
                    new CommittedCatchUp(stack.adminConfig(), APPLICATION_ID, application.sourceTopics()));
        } catch (RuntimeException e) {
            if (query != null) {
                query.close();
            }
            if (streams != null) {
                streams.close(STREAMS_CLOSE_TIMEOUT);
            }
            ingest.close();
            throw e;
        }
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return "http://localhost:" + ingestPort;
    }

    /** Base URL of the query API, Hub and dashboard. */
    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    /** The staff key of this pipeline (for the person at the terminal and the simulator; never logged). */
    public ApiKey staffKey() {
        return staffKey;
    }

    /**
     * Waits until streams has committed everything it has read, so that its output topics (what the
     * report reads) hold every figure the query API shows; false if {@code timeout} passed first.
     */
    public boolean awaitCommitted(Duration timeout) throws InterruptedException {
        return catchUp.await(timeout);
    }

    @Override
    public void close() {
        try {
            ingest.close();
        } finally {
            try {
                query.close();
            } finally {
                streams.close(STREAMS_CLOSE_TIMEOUT);
            }
        }
    }
}
