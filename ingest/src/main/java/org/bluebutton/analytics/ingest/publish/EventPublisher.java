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
import org.apache.kafka.common.errors.RetriableException;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;

/**
 * Sends the records of one request and returns only when Kafka acknowledged every one of them;
 * throws {@link KafkaUnavailableException} when that does not happen within {@code ackTimeout}
 * (plus at most one {@code max.block.ms}), or {@link PublishFailedException} for a permanent error.
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

    /**
     * Publishes {@code records} and returns their acknowledged positions, in order. Gives up, at the
     * latest, {@code ackTimeout} plus one {@code max.block.ms} after the call: the deadline is checked
     * before every send too, since each send may wait for broker metadata while Kafka is down.
     *
     * @throws KafkaUnavailableException for transient failures (HTTP 503)
     * @throws PublishFailedException for failures retrying will not fix (HTTP 500)
     */
    public List<RecordMetadata> publishAll(List<Outgoing> records) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        List<Future<RecordMetadata>> pending = new ArrayList<>(records.size());
        for (Outgoing record : records) {
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaUnavailableException("Kafka did not take the request's records within " + ackTimeout, null);
            }
            Future<RecordMetadata> future;
            try {
                future = producer.send(new ProducerRecord<>(record.topic(), record.key(), record.value()));
            } catch (KafkaException | SchemaRegistryUnavailableException e) {
                throw failure("Kafka did not take a record for " + record.topic(), e);
            }
            if (future.isDone()) {
                awaitOne(future, deadline); // a send that failed at once (e.g. no metadata) ends the request now
            }
            pending.add(future);
        }
        List<RecordMetadata> acknowledged = new ArrayList<>(pending.size());
        for (Future<RecordMetadata> future : pending) {
            acknowledged.add(awaitOne(future, deadline));
        }
        return acknowledged;
    }

    private RecordMetadata awaitOne(Future<RecordMetadata> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw failure("Kafka did not acknowledge a record", e.getCause());
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge every record within " + ackTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
        }
    }

    /** Transient faults (broker away, timeouts, registry away) are 503; everything else is a 500. */
    private static RuntimeException failure(String what, Throwable cause) {
        String message = what + ": " + cause.getMessage();
        if (cause instanceof RetriableException || cause instanceof SchemaRegistryUnavailableException) {
            return new KafkaUnavailableException(message, cause);
        }
        return new PublishFailedException(message, cause);
    }

    /** Sends what is buffered (graceful shutdown) and closes the producer. */
    @Override
    public void close() {
        producer.flush();
        producer.close(Duration.ofSeconds(10));
    }
}
