package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * {@code /health} of the query service follows the Kafka Streams application: UP while it runs or
 * rebalances (a rebalance passes; queries answer 503 meanwhile), DOWN once it has failed or stopped,
 * so a supervisor restarts it.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class StreamsHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final KafkaStreams streams;

    public StreamsHealthIndicator(KafkaStreams streams) {
        this.streams = streams;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        KafkaStreams.State state = streams.state();
        healthStatus = state == KafkaStreams.State.RUNNING || state == KafkaStreams.State.REBALANCING ? HealthStatus.UP : HealthStatus.DOWN;
        return Map.of("state", state.name());
    }

    @Override
    protected String getName() {
        return "kafka-streams";
    }
}
