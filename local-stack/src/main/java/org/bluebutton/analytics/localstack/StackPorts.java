package org.bluebutton.analytics.localstack;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import picocli.CommandLine.Option;

/** The fixed ports of a local stack run by a person, as command-line options shared by every run command. */
public final class StackPorts {

    @Option(names = "--kafka-port", defaultValue = "9092", description = "Kafka client port (default: ${DEFAULT-VALUE})")
    int kafkaPort;

    @Option(names = "--controller-port", defaultValue = "9093", description = "KRaft controller port (default: ${DEFAULT-VALUE})")
    int controllerPort;

    @Option(names = "--registry-port", defaultValue = "8081", description = "Schema registry HTTP port (default: ${DEFAULT-VALUE})")
    int registryPort;

    /**
     * Starts a stack with its data under {@code dataDirectory} on these ports, for a program that
     * stops everything in order itself and counts {@code stopped} down when done: the children's own
     * exit hooks wait for it (see {@link ChildProcess#deferExitHooksUntil}). A failed start counts it
     * down at once.
     */
    public LocalStack startOwned(Path dataDirectory, CountDownLatch stopped) {
        return startOwned(dataDirectory, 1, stopped);
    }

    /** As {@link #startOwned(Path, CountDownLatch)} with {@code kafkaNodes} Kafka nodes from these ports on (see {@link LocalStack#startIn(Path, int, int, int, int)}). */
    public LocalStack startOwned(Path dataDirectory, int kafkaNodes, CountDownLatch stopped) {
        ChildProcess.deferExitHooksUntil(stopped);
        try {
            return LocalStack.startIn(dataDirectory.toAbsolutePath(), kafkaNodes, kafkaPort, controllerPort, registryPort);
        } catch (RuntimeException e) {
            stopped.countDown();
            throw e;
        }
    }
}
