package org.bluebutton.analytics.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.query.QueryServer;
import picocli.CommandLine;

/**
 * One instance of the streams application with its query API, in this JVM, on the local stack:
 * configured exactly as the command line configures it. Several with the same application id share
 * the work, as separate processes would.
 */
public final class StreamsInstance implements AutoCloseable {

    private final KafkaStreams streams;
    private final QueryServer query;
    private final Path stateDirectory;
    private final int port;

    private StreamsInstance(KafkaStreams streams, QueryServer query, Path stateDirectory, int port) {
        this.streams = streams;
        this.query = query;
        this.stateDirectory = stateDirectory;
        this.port = port;
    }

    /** Starts an instance of {@code applicationId}: its query API, then the application. */
    public static StreamsInstance start(LocalStack stack, String applicationId, String instanceId) {
        StreamsInstance instance = serveOnly(stack, applicationId, instanceId);
        instance.streams.start();
        return instance;
    }

    /** An instance whose query API serves but whose application is not started yet (see {@link #startStreams()}). */
    public static StreamsInstance serveOnly(LocalStack stack, String applicationId, String instanceId) {
        Path state;
        try {
            state = Files.createTempDirectory("streams-" + instanceId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int port = ChildProcess.freePort();
        StreamsApplication application = new StreamsApplication();
        new CommandLine(application).parseArgs(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(),
                "--application-id", applicationId,
                "--instance-id", instanceId,
                "--state-dir", state.toString(),
                "--replication-factor", "1",
                "--register-schemas", "true",
                "--http-port", Integer.toString(port),
                "--staff-key-sha256", StaffKeys.SHA256,
                "--peer-secret", StaffKeys.PEER_SECRET);
        KafkaStreams streams = application.create();
        QueryServer query = application.startQueryServer(streams);
        return new StreamsInstance(streams, query, state, port);
    }

    /** Starts the application of an instance made by {@link #serveOnly}. */
    public void startStreams() {
        streams.start();
    }

    /** Base URL of this instance's query API. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** The running application. */
    public KafkaStreams streams() {
        return streams;
    }

    @Override
    public void close() {
        try {
            query.close();
        } finally {
            streams.close(Duration.ofSeconds(30));
            ChildProcess.deleteRecursively(stateDirectory);
        }
    }
}
