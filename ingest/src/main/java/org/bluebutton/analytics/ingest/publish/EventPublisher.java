package org.bluebutton.analytics.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;

/**
 * Sends the records of one request and returns only when Kafka acknowledged every one of them;
 * throws {@link KafkaUnavailableException} when that does not happen within {@code ackTimeout}.
 * Thread-safe: requests share one producer, which batches their records together.
 */
public final class EventPublisher implements AutoCloseable {

    /** One record to publish. */
    public record Outgoing(String topic, String key, SpecificRecord value) {
    }

    private final Producer<String, SpecificRecord> producer;
    private final Duration ackTimeout;

    /**
     * @param producer an idempotent {@code acks=all} producer with bounded {@code max.block.ms}; owned
     * @param ackTimeout how long a request waits for all its acknowledgements
     */
    public EventPublisher(Producer<String, SpecificRecord> producer, Duration ackTimeout) {
        this.producer = producer;
        this.ackTimeout = ackTimeout;
    }

    /** Publishes {@code records} and returns their acknowledged positions, in order. */
    public List<RecordMetadata> publishAll(List<Outgoing> records) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
        try {
            for (Outgoing record : records) {
                pending.add(producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value())));
            }
        } catch (KafkaException | SchemaRegistryUnavailableException e) {
            throw new KafkaUnavailableException("Kafka did not take the request's records: " + e.getMessage(), e);
        }
        List<RecordMetadata> acknowledged = new ArrayList<>(pending.size());
        for (Future<RecordMetadata> future : pending) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            try {
                acknowledged.add(future.get(remaining, TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                throw new KafkaUnavailableException("Kafka did not acknowledge a record: " + e.getCause().getMessage(), e.getCause());
            } catch (TimeoutException e) {
                throw new KafkaUnavailableException("Kafka did not acknowledge every record within " + ackTimeout, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
            }
        }
        return acknowledged;
    }

    /** Sends what is buffered (graceful shutdown) and closes the producer. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }
}
