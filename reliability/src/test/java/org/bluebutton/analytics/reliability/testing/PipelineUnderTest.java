package org.bluebutton.analytics.reliability.testing;

import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;

/**
 * What the harness ({@link IngestClient}, {@link Aggregates}) needs of a running pipeline: its stack,
 * its query API, the staff key, and where to record the keys handed out. The single-broker
 * {@link ReliabilityPipeline} and the three-node {@link ClusterPipeline} both are one.
 */
public interface PipelineUnderTest {

    /** The broker(s) and the registry. */
    LocalStack stack();

    /** Base URL of the query API the figures are read from. */
    String queryUrl();

    /** The staff key (ingest and query API); never printed. */
    String staffKey();

    /** Records a key handed out, so that a log scan can look for it. */
    void remember(ApiKey key);

    /** Records personal data sent in (a pledge request's contact e-mail), so that a log scan can look for it. */
    void rememberPersonal(String value);
}
