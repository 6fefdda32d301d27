package org.bluebutton.analytics.streams.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * Keeps the producer's routine retries of exactly-once transactions out of the log. With transactions
 * version 2 (Kafka 4), a stream thread's next transaction starts while the broker still writes the
 * previous one's commit markers; the first produce requests are then answered
 * {@code CONCURRENT_TRANSACTIONS} and retried after a short back-off, and the batches sent behind them
 * on the same connection are answered {@code OUT_OF_ORDER_SEQUENCE_NUMBER} and retried in order. The
 * producer logs each as one WARN line per partition — dozens per commit across the application's
 * changelog, repartition and output partitions, every commit interval under load. They are neither
 * lost nor failed writes: the producer retries them within the transaction ("retrying" in the line),
 * and a transaction that cannot complete fails the task, which is logged as an error. Likewise a consumer's "recoverable issue" metadata warning for
 * an internal topic the application creates a moment later at start-up. Every other line passes.
 */
public final class TransactionRetryFilter extends TurboFilter {

    private static final String PRODUCER_SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    private static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN || format == null) {
            return FilterReply.NEUTRAL;
        }
        if (PRODUCER_SENDER.equals(logger.getName()) && format.contains("Got error produce response") && format.contains("retrying")
                && (mentions(format, params, "Error: CONCURRENT_TRANSACTIONS", "CONCURRENT_TRANSACTIONS")
                        || mentions(format, params, "Error: OUT_OF_ORDER_SEQUENCE_NUMBER", "OUT_OF_ORDER_SEQUENCE_NUMBER"))) {
            return FilterReply.DENY;
        }
        if (NETWORK_CLIENT.equals(logger.getName()) && format.contains("reported a recoverable issue")
                && mentions(format, params, "-repartition=UNKNOWN_TOPIC_OR_PARTITION", "-repartition=UNKNOWN_TOPIC_OR_PARTITION")) {
            return FilterReply.DENY;
        }
        return FilterReply.NEUTRAL;
    }

    /**
     * Whether the line says it: Kafka's clients format their message before it reaches the logger (the
     * text is in {@code format}); other callers pass the values as parameters.
     */
    private static boolean mentions(String format, Object[] params, String inMessage, String inParameter) {
        if (format.contains(inMessage)) {
            return true;
        }
        if (params != null) {
            for (Object param : params) {
                if (param != null && String.valueOf(param).contains(inParameter)) {
                    return true;
                }
            }
        }
        return false;
    }
}
