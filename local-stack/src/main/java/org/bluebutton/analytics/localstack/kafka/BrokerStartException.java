package org.bluebutton.analytics.localstack.kafka;

/**
 * Thrown by {@link LocalKafka#start()} and {@link LocalKafka#restart()} when the broker child
 * process exits or does not become ready in time.
 *
 * <p>The message names the data directory, the ports, the exit code of the child process and
 * ends with the last lines of its {@code broker.log}, so that a failing build shows why.
 */
public class BrokerStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the full description, including the tail of the broker log
     * @param cause the last readiness probe failure, or {@code null}
     */
    public BrokerStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
