package org.bluebutton.analytics.localrun;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.clients.producer.internals.Sender;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.utils.LogContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local run's console (its logback configuration, as {@code LocalRun.main} sets it): the exactly-once
 * producer's routine retries stay out, Kafka's other warnings stay in.
 */
class ConsoleLoggingTest {

    private final ListAppender<ILoggingEvent> console = new ListAppender<>();

    @BeforeEach
    void configureAsTheLocalRun() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(ConsoleLoggingTest.class.getClassLoader().getResource(LocalRun.LOGBACK_CONFIGURATION));
        console.setContext(context);
        console.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
    }

    @Test
    void a_concurrent_transactions_retry_is_not_on_the_console() {
        kafkaLogger().warn("Got error produce response with correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}",
                166, "bluebutton-streams-rollup-deltas-repartition-4", 2147483646, Errors.CONCURRENT_TRANSACTIONS);

        assertThat(console.list).isEmpty();
    }

    @Test
    void another_producer_error_is_on_the_console() {
        kafkaLogger().warn("Got error produce response with correlation id {} on topic-partition {}, retrying ({} attempts left). Error: {}",
                166, "bluebutton.org-monthly-metrics-2", 4, Errors.NOT_ENOUGH_REPLICAS);

        assertThat(console.list).singleElement().satisfies(event -> assertThat(event.getFormattedMessage()).contains("NOT_ENOUGH_REPLICAS"));
    }

    /** Kafka's own logging path: a LogContext prefix over an slf4j location-aware logger of this context. */
    private Logger kafkaLogger() {
        return new LogContext("[Producer clientId=p, transactionalId=t] ").logger(Sender.class);
    }
}
