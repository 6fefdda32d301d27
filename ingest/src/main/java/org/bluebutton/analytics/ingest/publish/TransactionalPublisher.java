package org.bluebutton.analytics.ingest.publish;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the records of one staff change in one Kafka transaction: the change (a pledge, a key, a
 * staff account) and its audit record are committed together or not at all. Every reader of those
 * topics reads {@code read_committed}, so no instance ever sees a change without its audit record, nor
 * an audit record of a change that did not happen. Staff changes are rare, so one producer serves them
 * one at a time; activity keeps its own non-transactional, batching {@link EventPublisher}.
 *
 * <p>After a failure the transaction is aborted; when the producer cannot abort (fenced, or in an
 * unknown state) it is replaced by a new one on the next change.
 */
public final class TransactionalPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionalPublisher.class);

    private final Supplier<Producer<String, SpecificRecord>> producers;
    private Producer<String, SpecificRecord> producer;

    /**
     * @param producers makes a transactional producer ({@code transactional.id} set, bounded {@code max.block.ms}
     *     and {@code transaction.timeout.ms}); each one made is owned
     */
    public TransactionalPublisher(Supplier<Producer<String, SpecificRecord>> producers) {
        this.producers = producers;
    }

    /**
     * Publishes {@code records} in one transaction and returns their positions, in order, once committed.
     *
     * @throws KafkaUnavailableException for transient failures (HTTP 503): nothing was committed
     * @throws PublishFailedException for failures retrying will not fix (HTTP 500): nothing was committed
     */
    public synchronized List<RecordMetadata> publishAll(List<EventPublisher.Outgoing> records) {
        Producer<String, SpecificRecord> current = producer();
        try {
            current.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
            for (EventPublisher.Outgoing record : records) {
                sent.add(current.send(new ProducerRecord<>(record.topic(), record.key(), record.value())));
            }
            current.commitTransaction(); // flushes: every future below is complete
            List<RecordMetadata> acknowledged = new ArrayList<>(sent.size());
            for (Future<RecordMetadata> future : sent) {
                acknowledged.add(future.get());
            }
            return acknowledged;
        } catch (KafkaException | SchemaRegistryUnavailableException | ExecutionException e) {
            abort(current);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            String message = "Kafka did not commit the change: " + cause.getMessage();
            if (cause instanceof RetriableException || cause instanceof TimeoutException
                    || cause instanceof SchemaRegistryUnavailableException) {
                throw new KafkaUnavailableException(message, cause);
            }
            throw new PublishFailedException(message, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abort(current);
            throw new KafkaUnavailableException("Interrupted while committing a change", e);
        }
    }

    /**
     * Starts the producer's transactions now (at service start), so that the first staff change does not pay
     * for finding the transaction coordinator; a failure is left for the first change to retry.
     */
    public synchronized void prepare() {
        try {
            producer();
        } catch (KafkaUnavailableException e) {
            LOG.warn("Transactional producer not ready at start ({}); the first staff change retries", e.getMessage());
        }
    }

    private Producer<String, SpecificRecord> producer() {
        if (producer == null) {
            Producer<String, SpecificRecord> made = producers.get();
            try {
                made.initTransactions();
            } catch (KafkaException e) {
                made.close(Duration.ZERO);
                throw new KafkaUnavailableException("Kafka did not start a transactional producer: " + e.getMessage(), e);
            }
            producer = made;
        }
        return producer;
    }

    /** Aborts the open transaction; a producer that cannot abort is closed and made anew next time. */
    private void abort(Producer<String, SpecificRecord> current) {
        try {
            current.abortTransaction();
        } catch (KafkaException e) {
            LOG.warn("Transactional producer could not abort ({}); replacing it", e.getClass().getSimpleName());
            current.close(Duration.ZERO);
            producer = null;
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
    }
}
