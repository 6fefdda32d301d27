package org.bluebutton.analytics.streams.query.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * Puts Kafka Streams' own metrics on {@code /prometheus}: stream threads (process, punctuate, poll and
 * commit rates and latencies), tasks, state stores, and the embedded clients' — among them the
 * consumer's lag per input partition ({@code kafka_consumer_fetch_manager_records_lag}). Metrics Kafka
 * creates later (a partition's, with its first fetch) are picked up by the binder once a minute.
 */
@Context
@Requires(env = ServiceEnvironments.QUERY)
class StreamsMetricsBinding {

    private final KafkaStreamsMetrics metrics;

    StreamsMetricsBinding(KafkaStreams streams, MeterRegistry registry) {
        this.metrics = new KafkaStreamsMetrics(streams);
        metrics.bindTo(registry);
    }

    @PreDestroy
    void close() {
        metrics.close();
    }
}
