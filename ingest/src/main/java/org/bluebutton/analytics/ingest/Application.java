package org.bluebutton.analytics.ingest;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Starts the ingest service. */
@OpenAPIDefinition(info = @Info(title = "bluebutton-ingest", version = "v1",
        description = "Blue Button Pledge data holders and staff send pledges, activity and stats; every 202 means Kafka acknowledged it."))
public final class Application {

    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
