package org.bluebutton.analytics.streams.query;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.streams.query.auth.CallerKeys;
import org.bluebutton.analytics.streams.query.store.CatchUpGate;
import org.bluebutton.analytics.streams.query.store.Stores;

/**
 * The query service of one streams instance: a Micronaut HTTP server in the same process as the
 * Kafka Streams application, over its stores. Its beans exist only in the {@value ServiceEnvironments#QUERY}
 * environment, so a process that also runs ingest (the local run) keeps the two services apart.
 */
@OpenAPIDefinition(info = @Info(title = "bluebutton-query", version = "v1",
        description = "Blue Button Pledge metrics for program staff (staff key) and the public Blue Button Hub (no credential)"))
@SecurityScheme(name = "staffKey", type = SecuritySchemeType.HTTP, scheme = "bearer", description = "The staff key, bbs_...")
public final class QueryServer implements AutoCloseable {

    private final ApplicationContext context;
    private final CallerKeys callerKeys;

    private QueryServer(ApplicationContext context, CallerKeys callerKeys) {
        this.context = context;
        this.callerKeys = callerKeys;
    }

    /**
     * Starts serving {@code streams}' stores on {@code settings.self()}'s port, once {@code catchUp} is
     * open; organizations' and staff accounts' keys are read from the credentials and staff-accounts topics with
     * {@code kafkaClientConfig} ({@code bootstrap.servers} and the connection's security settings).
     */
    public static QueryServer start(KafkaStreams streams, RecordSerdes serdes, QuerySettings settings, Map<String, Object> kafkaClientConfig,
            CatchUpGate catchUp) {
        CallerKeys callerKeys = CallerKeys.follow(kafkaClientConfig, serdes.registry());
        try {
            ApplicationContext context = ApplicationContext.builder()
                    .environments(ServiceEnvironments.QUERY)
                    .deduceEnvironment(false)
                    .properties(Map.of("micronaut.server.port", settings.self().port()))
                    .singletons(streams, settings, new Stores(serdes, settings.applicationId()), Clock.systemUTC(), callerKeys, catchUp)
                    .start();
            try {
                context.getBean(EmbeddedServer.class).start();
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            return new QueryServer(context, callerKeys);
        } catch (RuntimeException e) {
            callerKeys.close();
            throw e;
        }
    }

    /** The port served. */
    public int port() {
        return context.getBean(EmbeddedServer.class).getPort();
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            callerKeys.close();
        }
    }
}
