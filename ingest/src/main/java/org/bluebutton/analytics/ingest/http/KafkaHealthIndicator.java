package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.AbstractHealthIndicator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Credentials;
import org.bluebutton.analytics.ingest.auth.StaffAccounts;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * {@code /health} is UP only while the broker answers and the organization and credential views are
 * current; a load balancer then sends requests only to instances that can accept them.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Singleton
public class KafkaHealthIndicator extends AbstractHealthIndicator<Map<String, Object>> {

    private final Admin admin;
    private final CompactedTopicView<Pledge> pledges;
    private final Credentials credentials;
    private final StaffAccounts staffAccounts;

    public KafkaHealthIndicator(Admin admin, CompactedTopicView<Pledge> pledges, Credentials credentials, StaffAccounts staffAccounts) {
        this.admin = admin;
        this.pledges = pledges;
        this.credentials = credentials;
        this.staffAccounts = staffAccounts;
    }

    @Override
    protected Map<String, Object> getHealthInformation() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("organizationsLoaded", pledges.isHealthy());
        details.put("credentialsLoaded", credentials.isHealthy());
        details.put("organizations", pledges.freshness());
        details.put("credentials", credentials.freshness());
        details.put("staffAccounts", staffAccounts.freshness());
        boolean brokerAnswers;
        try {
            String clusterId = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
                    .clusterId().get(3, TimeUnit.SECONDS);
            details.put("clusterId", clusterId);
            brokerAnswers = true;
        } catch (Exception e) {
            details.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            brokerAnswers = false;
        }
        // UP exactly when keys are judged (see Authenticator): a load balancer then routes only to instances that answer.
        healthStatus = brokerAnswers && pledges.freshness() == CompactedTopicView.Freshness.CURRENT
                && credentials.freshness() == CompactedTopicView.Freshness.CURRENT
                && staffAccounts.freshness() == CompactedTopicView.Freshness.CURRENT ? HealthStatus.UP : HealthStatus.DOWN;
        return details;
    }

    @Override
    protected String getName() {
        return "kafka";
    }
}
