package org.bluebutton.analytics.ingest.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;

/** How the publisher classifies Kafka's answers; Kafka's own MockProducer plays the broker. */
class EventPublisherTest {

    private static final Serializer<SpecificRecord> NO_BYTES = (topic, record) -> new byte[0];
    private final MockProducer<String, SpecificRecord> producer =
            new MockProducer<>(false, null, new StringSerializer(), NO_BYTES);
    private final EventPublisher publisher = new EventPublisher(producer, Duration.ofSeconds(5));
    private final List<EventPublisher.Outgoing> records = List.of(
            new EventPublisher.Outgoing("t", "org-1", SampleEvents.download("org-1").build()),
            new EventPublisher.Outgoing("t", "org-1", SampleEvents.download("org-1").build()));

    @Test
    void every_record_acknowledged_returns_their_positions_in_order() throws Exception {
        Thread acknowledger = new Thread(() -> {
            while (producer.history().size() < 2) {
                Thread.onSpinWait();
            }
            while (producer.completeNext()) {
                // acknowledge both
            }
        });
        acknowledger.start();

        assertThat(publisher.publishAll(records)).hasSize(2);
        acknowledger.join();
    }

    @Test
    void a_retriable_failure_is_kafka_unavailable() {
        failFirstSendWith(new TimeoutException("no broker"));

        assertThatThrownBy(() -> publisher.publishAll(records)).isInstanceOf(KafkaUnavailableException.class);
    }

    @Test
    void a_permanent_failure_is_not_reported_as_unavailable() {
        failFirstSendWith(new RecordTooLargeException("too large"));

        assertThatThrownBy(() -> publisher.publishAll(records)).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("too large");
    }

    @Test
    void no_acknowledgement_within_the_timeout_is_kafka_unavailable() {
        EventPublisher impatient = new EventPublisher(producer, Duration.ofMillis(200));

        assertThatThrownBy(() -> impatient.publishAll(records)).isInstanceOf(KafkaUnavailableException.class)
                .hasMessageContaining("within");
    }

    private void failFirstSendWith(RuntimeException error) {
        new Thread(() -> {
            while (producer.history().isEmpty()) {
                Thread.onSpinWait();
            }
            producer.errorNext(error);
        }).start();
    }
}
