package org.bluebutton.analytics.reliability.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.LoggerFactory;

/**
 * Every log line of this JVM (ingest, streams, the query API, Kafka clients, the tests), kept in
 * memory from the start of the pipeline on — message, arguments already formatted, logger, MDC and
 * every exception message and stack frame — so the log scan can look for secrets in exactly what an
 * operator's log would hold. Lines beyond {@link #MAX_LINES} are counted but not kept.
 */
public final class LogCapture extends AppenderBase<ILoggingEvent> {

    /** Memory bound: far above what the test group logs (a few thousand lines). */
    public static final int MAX_LINES = 500_000;
    private static final LogCapture INSTANCE = new LogCapture();
    private final List<String> lines = new ArrayList<>();
    private final AtomicLong dropped = new AtomicLong();

    private LogCapture() {
    }

    /** Attaches the capture to the root logger (once). */
    public static synchronized void install() {
        if (INSTANCE.isStarted()) {
            return;
        }
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        INSTANCE.setContext(context);
        INSTANCE.setName("reliability-capture");
        INSTANCE.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(INSTANCE);
    }

    /** A copy of every captured line. */
    public static List<String> lines() {
        synchronized (INSTANCE.lines) {
            return List.copyOf(INSTANCE.lines);
        }
    }

    /** Lines not kept because {@link #MAX_LINES} was reached. */
    public static long dropped() {
        return INSTANCE.dropped.get();
    }

    @Override
    protected void append(ILoggingEvent event) {
        StringBuilder line = new StringBuilder()
                .append(event.getLevel()).append(' ').append(event.getLoggerName()).append(' ')
                .append(event.getFormattedMessage()).append(' ').append(event.getMDCPropertyMap());
        for (IThrowableProxy error = event.getThrowableProxy(); error != null; error = error.getCause()) {
            line.append(" | ").append(error.getClassName()).append(": ").append(error.getMessage());
            for (StackTraceElementProxy frame : error.getStackTraceElementProxyArray()) {
                line.append(" at ").append(frame.getSTEAsString());
            }
        }
        synchronized (lines) {
            if (lines.size() < MAX_LINES) {
                lines.add(line.toString());
            } else {
                dropped.incrementAndGet();
            }
        }
    }
}
