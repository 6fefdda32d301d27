package org.bluebutton.analytics.ingest.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Credentials;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * {@code ingest_view_current{topic}}: 1 while a view is current, 0 while keys are refused with 503
 * because of it. Health shows no details to anonymous callers, so operators read this instead.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Context
public class ViewGauges {

    public ViewGauges(MeterRegistry registry, CompactedTopicView<Pledge> pledges, Credentials credentials) {
        Gauge.builder("ingest.view.current", pledges, view -> view.freshness() == CompactedTopicView.Freshness.CURRENT ? 1 : 0)
                .tag("topic", Topics.PLEDGES.name()).description("1 while the view is confirmed current").register(registry);
        Gauge.builder("ingest.view.current", credentials, view -> view.freshness() == CompactedTopicView.Freshness.CURRENT ? 1 : 0)
                .tag("topic", Topics.API_CREDENTIALS.name()).description("1 while the view is confirmed current").register(registry);
    }
}
