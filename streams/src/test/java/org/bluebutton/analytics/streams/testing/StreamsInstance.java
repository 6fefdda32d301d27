package org.bluebutton.analytics.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsService;
import org.bluebutton.analytics.streams.StreamsSettings;

/**
 * One instance of the streams application with its query API, in this JVM, on the local stack:
 * started by {@link StreamsService}, as the command line starts it. Several with the same application id share
 * the work, as separate processes would.
 */
public final class StreamsInstance implements AutoCloseable {

    private final StreamsService service;
    private final Path stateDirectory;

    private StreamsInstance(StreamsService service, Path stateDirectory) {
        this.service = service;
        this.stateDirectory = stateDirectory;
    }

    /** Starts an instance of {@code applicationId}: its query API, then the application. */
    public static StreamsInstance start(LocalStack stack, String applicationId, String instanceId) {
        StreamsInstance instance = serveOnly(stack, applicationId, instanceId);
        instance.service.startProcessing();
        return instance;
    }

    /** Starts an instance of {@code applicationId} with some settings changed by {@code settings}. */
    public static StreamsInstance start(LocalStack stack, String applicationId, String instanceId,
            UnaryOperator<StreamsSettings.Builder> settings) {
        StreamsInstance instance = serveOnly(stack, applicationId, instanceId, settings);
        instance.service.startProcessing();
        return instance;
    }

    /** An instance whose query API serves but whose application is not started yet (see {@link #startStreams()}). */
    public static StreamsInstance serveOnly(LocalStack stack, String applicationId, String instanceId) {
        return serveOnly(stack, applicationId, instanceId, UnaryOperator.identity());
    }

    /** An instance that only serves, with some settings changed by {@code settings}. */
    public static StreamsInstance serveOnly(LocalStack stack, String applicationId, String instanceId,
            UnaryOperator<StreamsSettings.Builder> settings) {
        Path state;
        try {
            state = Files.createTempDirectory("streams-" + instanceId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StreamsService service = StreamsService.create(settings.apply(StreamsSettings.builder(stack.bootstrapServers(),
                        stack.schemaRegistryUrl(), StaffKeys.SHA256, StaffKeys.PEER_SECRET)
                .applicationId(applicationId).instanceId(instanceId).stateDir(state).replicationFactor(1).registerSchemas(true)
                .httpPort(ChildProcess.freePort())).build());
        return new StreamsInstance(service, state);
    }

    /** Starts the application of an instance made by {@link #serveOnly}. */
    public void startStreams() {
        service.startProcessing();
    }

    /** Base URL of this instance's query API. */
    public String url() {
        return service.queryUrl();
    }

    /** The running application. */
    public KafkaStreams streams() {
        return service.streams();
    }

    @Override
    public void close() {
        try {
            service.close(Duration.ofSeconds(30));
        } finally {
            ChildProcess.deleteRecursively(stateDirectory);
        }
    }
}
