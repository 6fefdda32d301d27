package org.bluebutton.analytics.streams.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.spi.FilterReply;
import org.junit.jupiter.api.Test;

/** Only the producer's routine transaction retries and the start-up metadata notice leave the console. */
class TransactionRetryFilterTest {

    private final LoggerContext context = new LoggerContext();
    private final TransactionRetryFilter filter = new TransactionRetryFilter();
    private final Logger sender = context.getLogger("org.apache.kafka.clients.producer.internals.Sender");
    private final Logger network = context.getLogger("org.apache.kafka.clients.NetworkClient");
    private static final String RETRY = "[Producer clientId=p, transactionalId=t] Got error produce response with correlation id {} on "
            + "topic-partition {}, retrying ({} attempts left). Error: {}";

    @Test
    void a_concurrent_transactions_retry_is_left_out() {
        assertThat(filter.decide(null, sender, Level.WARN, RETRY, new Object[] {132, "app-x-changelog-4", 2147483646, "CONCURRENT_TRANSACTIONS"}, null))
                .isEqualTo(FilterReply.DENY);
    }

    @Test
    void a_retry_formatted_before_it_reaches_the_logger_is_left_out_too() {
        String formatted = "[Producer clientId=p, transactionalId=t] Got error produce response with correlation id 166 on topic-partition "
                + "app-rollup-deltas-repartition-4, retrying (2147483646 attempts left). Error: CONCURRENT_TRANSACTIONS";

        assertThat(filter.decide(null, sender, Level.WARN, formatted, null, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void the_out_of_order_retries_of_the_batches_behind_it_are_left_out() {
        assertThat(filter.decide(null, sender, Level.WARN, RETRY, new Object[] {229, "bluebutton.org-monthly-metrics-0", 2147483646,
                "OUT_OF_ORDER_SEQUENCE_NUMBER"}, null)).isEqualTo(FilterReply.DENY);
    }

    @Test
    void any_other_produce_error_is_logged() {
        assertThat(filter.decide(null, sender, Level.WARN, RETRY, new Object[] {132, "app-x-changelog-4", 10, "NOT_ENOUGH_REPLICAS"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
        assertThat(filter.decide(null, sender, Level.ERROR, RETRY, new Object[] {1, "p-0", 0, "CONCURRENT_TRANSACTIONS"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }

    @Test
    void an_unknown_repartition_topic_at_start_is_left_out_and_an_unknown_input_topic_is_not() {
        String format = "[Consumer clientId=c] The metadata response from the cluster reported a recoverable issue with correlation id {} : {}";

        assertThat(filter.decide(null, network, Level.WARN, format, new Object[] {2, "{app-rollup-deltas-repartition=UNKNOWN_TOPIC_OR_PARTITION}"}, null))
                .isEqualTo(FilterReply.DENY);
        assertThat(filter.decide(null, network, Level.WARN, format, new Object[] {2, "{bluebutton.pledges=UNKNOWN_TOPIC_OR_PARTITION}"}, null))
                .isEqualTo(FilterReply.NEUTRAL);
    }
}
