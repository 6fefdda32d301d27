package org.bluebutton.analytics.ingest.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * The service's own Prometheus figures, beside Micronaut's {@code http_server_requests}:
 * {@code ingest_events_accepted_total{kind}}, {@code ingest_requests_rejected_total{reason}} and
 * {@code ingest_publish_seconds{kind}} (validation to Kafka acknowledgement).
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Singleton
public class IngestMetrics {

    private final MeterRegistry registry;

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts events of {@code kind} accepted (acknowledged by Kafka). */
    public void accepted(String kind, int events) {
        registry.counter("ingest.events.accepted", "kind", kind).increment(events);
    }

    /** Counts a request refused for {@code reason}. */
    public void rejected(String reason) {
        registry.counter("ingest.requests.rejected", "reason", reason).increment();
    }

    /** Starts timing a publish of {@code kind}; stop it with {@link #published}. */
    public Timer.Sample startPublish() {
        return Timer.start(registry);
    }

    /** Records how long a publish of {@code kind} took. */
    public void published(Timer.Sample sample, String kind) {
        sample.stop(registry.timer("ingest.publish", "kind", kind));
    }
}
