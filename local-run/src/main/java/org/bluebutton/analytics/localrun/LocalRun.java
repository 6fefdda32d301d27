package org.bluebutton.analytics.localrun;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Year;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bluebutton.analytics.ingest.auth.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackMain;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.query.QueryServer;
import org.bluebutton.analytics.localstack.StackPorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code local-run}: the pipeline on one machine. Starts the local stack (Kafka + schema registry),
 * the ingest service against it with topics created and schemas registered, and the streams
 * application; prints the URLs and a staff key generated for this run, and serves until Ctrl-C,
 * which stops ingest (flushing in-flight sends) and streams before the stack.
 */
@Command(name = "local-run", mixinStandardHelpOptions = true,
        description = "Runs Kafka, the schema registry and the ingest service locally, without Docker.")
public final class LocalRun implements Callable<Integer> {

    /** Short enough that ingest, streams and the stack stop within the children's 30 s wait. */
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);

    @Option(names = "--data-dir", defaultValue = "target/local-run", description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDirectory;

    @Mixin
    StackPorts stackPorts;

    @Option(names = "--ingest-port", defaultValue = "8080", description = "Ingest HTTP port (default: ${DEFAULT-VALUE})")
    int ingestPort;

    @Option(names = "--query-port", defaultValue = "8090", description = "Query API, Hub and dashboard HTTP port (default: ${DEFAULT-VALUE})")
    int queryPort;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        LocalStack stack = stackPorts.startOwned(dataDirectory, stopped);
        // A staff key for this run only, printed once for the person at the terminal; ingest gets its hash.
        ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
        ApplicationContext ingest;
        try {
            ingest = ApplicationContext.run(EmbeddedServer.class, Map.of(
                            "micronaut.server.port", ingestPort,
                            "bluebutton.ingest.kafka-bootstrap-servers", stack.bootstrapServers(),
                            "bluebutton.ingest.schema-registry-url", stack.schemaRegistryUrl(),
                            "bluebutton.ingest.staff-key-sha256", staffKey.secretSha256(),
                            "bluebutton.ingest.replication-factor", 1,
                            "bluebutton.ingest.register-schemas", true)).getApplicationContext();
        } catch (RuntimeException e) {
            stack.close();
            stopped.countDown();
            throw e;
        }
        KafkaStreams streams = null;
        QueryServer query = null;
        try {
            StreamsApplication streamsApplication = new StreamsApplication();
            new CommandLine(streamsApplication).parseArgs(
                    "--bootstrap-servers", stack.bootstrapServers(),
                    "--schema-registry-url", stack.schemaRegistryUrl(),
                    "--state-dir", dataDirectory.resolve("streams-state").toAbsolutePath().toString(),
                    "--replication-factor", "1",
                    "--instance-id", "local-run",
                    "--http-port", Integer.toString(queryPort),
                    "--staff-key-sha256", staffKey.secretSha256());
            streams = streamsApplication.create();
            query = streamsApplication.startQueryServer(streams);
            streams.start();
        } catch (RuntimeException e) {
            if (query != null) {
                query.close();
            }
            if (streams != null) {
                streams.close(STREAMS_CLOSE_TIMEOUT);
            }
            ingest.close();
            stack.close();
            stopped.countDown();
            throw e;
        }
        KafkaStreams started = streams;
        QueryServer serving = query;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ingest, the query API, streams, then the local stack...");
            try {
                ingest.close();
            } finally {
                try {
                    serving.close();
                    started.close(STREAMS_CLOSE_TIMEOUT);
                } finally {
                    try {
                        stack.close();
                    } finally {
                        stopped.countDown();
                    }
                }
            }
        }, "local-run-shutdown"));
        String ingestUrl = "http://localhost:" + ingestPort;
        System.out.println();
        System.out.println("Blue Button Pledge Analytics is running locally. Ctrl-C stops it.");
        System.out.println("  ingest API          = " + ingestUrl + "/v1/organizations");
        System.out.println("  OpenAPI document    = " + ingestUrl + "/openapi/bluebutton-ingest-v1.yml");
        System.out.println("  health, metrics     = " + ingestUrl + "/health, " + ingestUrl + "/prometheus");
        String queryUrl = "http://localhost:" + queryPort;
        System.out.println("  staff dashboard     = " + queryUrl + "/dashboard");
        System.out.println("  query API           = " + queryUrl + "/v1/program/summary?year=" + Year.now().getValue());
        System.out.println("  Blue Button Hub     = " + queryUrl + "/hub/v1/data-holders");
        System.out.println("  query OpenAPI       = " + queryUrl + "/openapi/bluebutton-query-v1.yml");
        System.out.println("  staff key (this run)= " + staffKey.reveal());
        System.out.println("  bootstrap.servers   = " + stack.bootstrapServers());
        System.out.println("  schema.registry.url = " + stack.schemaRegistryUrl());
        System.out.println("  data directory      = " + dataDirectory.toAbsolutePath());
        stopped.await();
        return 0;
    }

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile",
                System.getProperty("logback.configurationFile", LocalStackMain.LOGBACK_CONFIGURATION));
        int exitCode = new CommandLine(new LocalRun()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
