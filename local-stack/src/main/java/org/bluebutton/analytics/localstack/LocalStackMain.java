package org.bluebutton.analytics.localstack;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code local-stack}: starts Kafka (one node, or {@code --kafka-nodes N}) and the schema registry on fixed ports, prints how to reach them
 * and serves until Ctrl-C. Kafka's data survives restarts in {@code --data-dir}; the registry keeps
 * schemas in memory only.
 */
@Command(name = "local-stack", mixinStandardHelpOptions = true,
        description = "Runs a real single-node Kafka (KRaft) and a Confluent-compatible schema registry without Docker.")
public final class LocalStackMain implements Callable<Integer> {

    @Option(names = "--data-dir", defaultValue = "target/local-stack", description = "Data directory (default: ${DEFAULT-VALUE})")
    Path dataDirectory;

    @Option(names = "--kafka-nodes", defaultValue = "1",
            description = "Kafka nodes, each broker and controller (default: ${DEFAULT-VALUE}); 3 gives the production replication "
                    + "(3 replicas, min.insync.replicas 2), node i on the Kafka and controller ports + 2(i-1)")
    int kafkaNodes;

    @Mixin
    StackPorts ports;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        if (kafkaNodes < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--kafka-nodes must be at least 1, got " + kafkaNodes);
        }
        LocalStack stack = ports.startOwned(dataDirectory, kafkaNodes, stopped);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack...");
            stack.close();
            stopped.countDown();
        }, "local-stack-shutdown"));
        System.out.println();
        System.out.println("Local stack is running. Ctrl-C stops it.");
        System.out.println("  bootstrap.servers   = " + stack.bootstrapServers());
        System.out.println("  schema.registry.url = " + stack.schemaRegistryUrl());
        System.out.println("  data directory      = " + dataDirectory.toAbsolutePath());
        System.out.println("  Kafka nodes         = " + stack.kafkaCluster().size() + " (replication " + stack.replicationFactor()
                + ", min.insync.replicas " + stack.kafkaCluster().minInSyncReplicas() + ")");
        System.out.println("  logs                = " + stack.kafkaCluster().nodes().stream().map(node -> node.logFile().toString())
                .collect(Collectors.joining(", ")) + ", " + stack.registry().logFile());
        stopped.await();
        return 0;
    }

    /** Logging for people at a terminal: our progress, only warnings from Kafka clients. */
    public static final String LOGBACK_CONFIGURATION = "org/bluebutton/analytics/localstack/local-stack-logback.xml";

    public static void main(String[] args) {
        // Must happen before the first logger is created; an explicit -D setting wins.
        System.setProperty("logback.configurationFile", System.getProperty("logback.configurationFile", LOGBACK_CONFIGURATION));
        int exitCode = new CommandLine(new LocalStackMain()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
