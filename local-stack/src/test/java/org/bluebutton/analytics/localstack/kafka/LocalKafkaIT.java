package org.bluebutton.analytics.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link LocalKafka}: a real single-node Kafka broker in a child process.
 *
 * <p>One broker serves the whole class (a start costs seconds); every test uses its own topics and
 * leaves the broker running.
 */
class LocalKafkaIT {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, Long> TIMINGS_MS = new LinkedHashMap<>();

    private static LocalKafka kafka;

    @BeforeAll
    static void startOneBrokerForAllSpecifications() {
        kafka = LocalKafka.builder().build();
        timed("first start", kafka::start);
    }

    @AfterAll
    static void closeTheBrokerAndReportTimings() {
        if (kafka != null) {
            timed("close (stop + delete)", kafka::close);
            assertThat(kafka.dataDirectory()).doesNotExist();
        }
        System.out.println("LocalKafka timings (ms): " + TIMINGS_MS);
    }

    @AfterEach
    void leaveTheBrokerRunning() {
        if (kafka.isRunning()) {
            kafka.resume();
        } else {
            kafka.start();
        }
    }

    @Test
    void an_idempotent_acks_all_producer_writes_records_that_a_consumer_reads_back() throws Exception {
        // Given a topic on the running broker
        String topic = createTopic("plain");

        // When an idempotent producer with acks=all sends ten records
        List<String> sent = values("record", 10);
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (String value : sent) {
                producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
            }
        }

        // Then a consumer reads them back, in order
        assertThat(readAll(topic, "read_uncommitted", sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void a_read_committed_consumer_sees_committed_transactions_and_not_aborted_ones() throws Exception {
        // Given a topic and a transactional producer (transactions need the single-node
        // settings of the transaction state log)
        String topic = createTopic("transactions");
        try (KafkaProducer<String, String> producer =
                producer(Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-it-" + topic))) {
            producer.initTransactions();

            // When it commits a transaction, aborts one, then commits another
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed-1"));
            producer.send(new ProducerRecord<>(topic, "committed-2"));
            producer.commitTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "aborted")).get(10, TimeUnit.SECONDS);
            producer.abortTransaction();

            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "committed-3"));
            producer.commitTransaction();
        }

        // Then a read_committed consumer sees exactly the committed records
        assertThat(readAll(topic, "read_committed", 3))
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void a_graceful_stop_and_restart_keeps_the_data_and_the_bootstrap_address() throws Exception {
        // Given records written to the broker
        String topic = createTopic("stop-restart");
        List<String> before = values("before-stop", 5);
        produceAcknowledged(topic, before);
        String bootstrapServers = kafka.bootstrapServers();

        // When it is stopped cleanly and restarted on the same directory
        timed("stop", kafka::stop);
        assertThat(kafka.isRunning()).isFalse();
        timed("restart after stop", kafka::restart);

        // Then it has the same address, still has the records and accepts new ones
        assertThat(kafka.isRunning()).isTrue();
        assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapServers);
        List<String> after = values("after-restart", 5);
        produceAcknowledged(topic, after);
        List<String> all = new ArrayList<>(before);
        all.addAll(after);
        assertThat(readAll(topic, "read_uncommitted", all.size())).containsExactlyElementsOf(all);
    }

    @Test
    void a_kill_and_restart_keeps_every_acknowledged_record() throws Exception {
        // Given records acknowledged by the broker (acks=all)
        String topic = createTopic("kill-restart");
        List<String> acknowledged = values("acknowledged", 20);
        produceAcknowledged(topic, acknowledged);

        // When the broker process is killed with SIGKILL and restarted
        timed("kill", kafka::kill);
        assertThat(kafka.isRunning()).isFalse();
        timed("restart after kill", kafka::restart);

        // Then every acknowledged record is still there
        assertThat(readAll(topic, "read_uncommitted", acknowledged.size())).containsExactlyElementsOf(acknowledged);
    }

    @Test
    void a_paused_broker_makes_sends_time_out_and_a_resumed_broker_serves_them_again() throws Exception {
        // Given a producer with short timeouts that has written to the broker
        String topic = createTopic("pause");
        Map<String, Object> shortTimeouts = Map.of(
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500,
                ProducerConfig.LINGER_MS_CONFIG, 0);
        try (KafkaProducer<String, String> producer = producer(shortTimeouts)) {
            producer.send(new ProducerRecord<>(topic, "before-pause")).get(10, TimeUnit.SECONDS);

            // When the broker process is frozen (SIGSTOP)
            kafka.pause();

            // Then a send is not acknowledged within the delivery timeout
            assertThat(kafka.isRunning()).isTrue();
            Future<?> stalled = producer.send(new ProducerRecord<>(topic, "during-pause"));
            assertThatThrownBy(() -> stalled.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class);
            // and a new producer cannot even fetch metadata within max.block.ms
            try (KafkaProducer<String, String> newcomer = producer(shortTimeouts)) {
                Future<?> blocked = newcomer.send(new ProducerRecord<>(topic, "newcomer"));
                assertThatThrownBy(() -> blocked.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TimeoutException.class);
            }

            // When it is resumed (SIGCONT)
            kafka.resume();

            // Then the same producer's sends are acknowledged again
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    producer.send(new ProducerRecord<>(topic, "after-resume")).get(5, TimeUnit.SECONDS));
        }
        assertThat(readAll(topic, "read_uncommitted", 2)).startsWith("before-pause").contains("after-resume");
    }

    @Test
    void a_broker_that_cannot_start_reports_its_directory_ports_exit_code_and_log() throws IOException {
        // Given a second broker configured with the client port of the running one
        int takenPort = Integer.parseInt(kafka.bootstrapServers().substring("localhost:".length()));
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (LocalKafka clash = LocalKafka.builder().ports(takenPort, freePort).startupTimeout(Duration.ofSeconds(30))
                .build()) {

            // When it is started
            // Then it fails with a message that says where and why
            assertThatThrownBy(clash::start)
                    .isInstanceOf(BrokerStartException.class)
                    .hasMessageContaining(clash.dataDirectory().toString())
                    .hasMessageContaining("broker port: " + takenPort)
                    .hasMessageContaining("controller port: " + freePort)
                    .hasMessageContaining("exited (exit code 1)")
                    .hasMessageContaining("Address already in use");
            assertThat(clash.isRunning()).isFalse();
        }
    }

    @Test
    void the_broker_exits_when_the_jvm_that_started_it_is_killed() throws Exception {
        // Given a broker started by another JVM
        Process parent = new ProcessBuilder(
                ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"),
                LocalKafkaParentMain.class.getName())
                .redirectErrorStream(true)
                .start();
        Path dataDirectory = null;
        try {
            String[] ready = readReadyLine(parent).split(" ");
            ProcessHandle broker = ProcessHandle.of(Long.parseLong(ready[1])).orElseThrow();
            dataDirectory = Path.of(ready[2]);
            assertThat(broker.isAlive()).isTrue();

            // When that JVM is killed (no shutdown hook runs)
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            // Then the orphaned broker notices and exits on its own
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());
            TIMINGS_MS.put("orphan exit", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt));
        } finally {
            parent.destroyForcibly();
            deleteRecursively(dataDirectory);
        }
    }

    @Test
    void closing_a_broker_built_on_a_temporary_directory_deletes_that_directory() {
        // Given a broker with a temporary data directory, never started
        LocalKafka unused = LocalKafka.builder().build();
        assertThat(unused.dataDirectory()).isDirectory();

        // When it is closed
        unused.close();

        // Then the directory is gone and it cannot be started again
        assertThat(unused.dataDirectory()).doesNotExist();
        assertThatThrownBy(unused::start).isInstanceOf(IllegalStateException.class);
    }

    // ---------------------------------------------------------------------------------------------

    private static void timed(String what, Runnable action) {
        long start = System.nanoTime();
        action.run();
        TIMINGS_MS.put(what, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static String createTopic(String purpose) throws Exception {
        String topic = purpose + "-" + System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        return topic;
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putAll(overrides);
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static void produceAcknowledged(String topic, List<String> values) throws Exception {
        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(topic, value)).get(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Reads partition 0 of the topic from the beginning until {@code expected} records came. */
    private static List<String> readAll(String topic, String isolationLevel, int expected) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static String readReadyLine(Process parent) throws Exception {
        CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
            try {
                BufferedReader reader = new BufferedReader(
                        new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
                List<String> seen = new ArrayList<>();
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    if (line.startsWith(LocalKafkaParentMain.READY)) {
                        return line;
                    }
                    seen.add(line);
                }
                throw new IllegalStateException("Parent JVM ended without starting a broker: " + seen);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        return ready.get(60, TimeUnit.SECONDS);
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
