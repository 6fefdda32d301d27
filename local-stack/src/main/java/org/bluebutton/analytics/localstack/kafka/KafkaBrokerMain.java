package org.bluebutton.analytics.localstack.kafka;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.bluebutton.analytics.localstack.process.ParentWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the broker child process started by {@link LocalKafka}: a single Kafka node in
 * KRaft mode (combined broker and controller).
 *
 * <p>Usage: {@code java -cp <classpath> org.bluebutton.analytics.localstack.kafka.KafkaBrokerMain
 * <server.properties>}. The properties file holds ordinary Kafka broker settings plus
 * {@value #CLUSTER_ID_PROPERTY}, the cluster id used to format the storage on the first start
 * (formatting is skipped when the log directory is already formatted). The process runs until it
 * receives SIGTERM, upon which a shutdown hook stops the broker cleanly.
 *
 * <p>{@link ParentWatch} makes it exit when the JVM that started it is gone.
 */
public final class KafkaBrokerMain {

    /** Property in the server.properties file that holds the cluster id to format with. */
    public static final String CLUSTER_ID_PROPERTY = "local.kafka.cluster.id";
    /**
     * Property holding the SCRAM users to create when the storage is formatted, as the storage tool's
     * {@code --add-scram} arguments separated by {@code |} (a secured broker has no other way to let
     * its first administrator in).
     */
    public static final String SCRAM_CREDENTIALS_PROPERTY = "local.kafka.scram.credentials";

    private static final Logger LOG = LoggerFactory.getLogger(KafkaBrokerMain.class);

    private KafkaBrokerMain() {
    }

    /**
     * Formats the storage if needed, starts the broker and blocks until it has shut down.
     *
     * @param args a single argument: the path of the server.properties file
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("Usage: KafkaBrokerMain <server.properties>");
            System.exit(2);
        }
        try {
            run(Path.of(args[0]));
        } catch (Throwable e) {
            LOG.error("Kafka broker failed", e);
            // Flush through System.exit: the shutdown hook (if installed) stops what was started.
            System.exit(1);
        }
        LOG.info("Kafka broker has shut down");
    }

    private static void run(Path propertiesFile) throws Exception {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(propertiesFile, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        String clusterId = (String) properties.remove(CLUSTER_ID_PROPERTY);
        if (clusterId == null || clusterId.isBlank()) {
            throw new IllegalArgumentException(CLUSTER_ID_PROPERTY + " is missing in " + propertiesFile);
        }
        String scram = (String) properties.remove(SCRAM_CREDENTIALS_PROPERTY);
        ParentWatch.install();

        KafkaConfig config = KafkaConfig.fromProps(properties, false);
        format(config, clusterId, scram == null || scram.isBlank() ? List.of() : List.of(scram.split("\\|")));

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Shutting down Kafka broker");
            server.shutdown();
        }, "kafka-broker-shutdown"));

        LOG.info("Starting Kafka broker node {} of cluster {}", config.nodeId(), clusterId);
        server.startup();
        LOG.info("Kafka broker started");
        server.awaitShutdown();
    }

    /** Formats the log directories with the cluster id, unless they are already formatted. */
    private static void format(KafkaConfig config, String clusterId, List<String> scramCredentials) throws Exception {
        Formatter formatter = new Formatter()
                .setPrintStream(new PrintStream(new LogOutputStream(), true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setIgnoreFormatted(true);
        if (!scramCredentials.isEmpty()) {
            formatter.setScramArguments(scramCredentials);
        }
        config.logDirs().forEach(formatter::addDirectory);
        formatter.addDirectory(config.metadataLogDir());
        formatter.run();
    }

    /** Sends what the storage formatter prints to the log, line by line. */
    private static final class LogOutputStream extends OutputStream {
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                flushLine();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        private void flushLine() {
            if (line.size() > 0) {
                LOG.info("Storage: {}", line.toString(StandardCharsets.UTF_8));
                line.reset();
            }
        }
    }
}
