package org.bluebutton.analytics.reporting.catchup;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.KafkaException;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.output.Manifest;
import org.bluebutton.analytics.reporting.snapshot.KafkaUnavailableException;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * The report's check before its snapshot: the streams application ({@link ReportOptions.StreamsCheck})
 * has committed everything it read from the input topics, by {@link CommittedCatchUp} — the same rule
 * the local run and the benchmarks wait for. Otherwise the run stops with {@link StreamsLagException},
 * unless told to go ahead, which the manifest then records.
 */
public final class StreamsLagCheck {

    private StreamsLagCheck() {
    }

    /** Waits up to the check's time for streams; returns what the manifest records, or throws. */
    public static Manifest.StreamsCheck run(ReportOptions options) {
        ReportOptions.StreamsCheck check = options.streams();
        String prefix = options.topicPrefix();
        Set<String> inputs = Set.of(prefix + Topics.PLEDGES.name(), prefix + Topics.DOWNLOAD_ACTIVITY.name(),
                prefix + Topics.ACCESS_SNAPSHOTS.name(), prefix + Topics.ENGAGEMENT_ACTIVITY.name());
        Map<String, Object> client = new java.util.HashMap<>(options.kafkaClientConfig());
        client.putAll(Map.of(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, (int) options.connectTimeout().toMillis(),
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.connectTimeout().toMillis(),
                CommonClientConfigs.CLIENT_ID_CONFIG, "bluebutton-report-streams-check"));
        CommittedCatchUp.Lag lag;
        try {
            // A zero wait still makes one full check (CommittedCatchUp gives a started check time to finish).
            lag = new CommittedCatchUp(client, check.applicationId(), inputs).await(check.patience());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(options.bootstrapServers(), "interrupted while checking streams", e);
        } catch (KafkaException | IllegalStateException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaUnavailableException(options.bootstrapServers(), cause.getMessage(), e);
        }
        if (lag.unanswered() != null) {
            throw new KafkaUnavailableException(options.bootstrapServers(), lag.unanswered(), null);
        }
        if (!lag.caughtUp() && !check.ignoreLag()) {
            throw new StreamsLagException(check.applicationId(), check.patience().toSeconds(), lag);
        }
        return new Manifest.StreamsCheck(check.applicationId(), lag.caughtUp(), !lag.caughtUp(), lag.describe());
    }
}
