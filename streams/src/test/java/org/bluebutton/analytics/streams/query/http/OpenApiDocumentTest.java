package org.bluebutton.analytics.streams.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The build puts the query API's OpenAPI document into the module's classes. It once went missing
 * whenever another module's test compilation ran earlier in the same Maven process (the OpenAPI
 * processor keeps its on/off setting in a JVM-wide system property), and the service then failed.
 */
class OpenApiDocumentTest {

    @Test
    void the_generated_document_is_on_the_class_path_and_describes_the_public_routes_only() throws IOException {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/META-INF/swagger/" + OpenApiController.DOCUMENT)) {
            assertThat(in).as("META-INF/swagger/%s", OpenApiController.DOCUMENT).isNotNull();
            String document = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(document).contains("title: bluebutton-query", "/v1/program/summary", "/hub/v1/data-holders").doesNotContain("/internal/");
            assertThat(document).as("rates, year-over-year change and the exports are documented")
                    .contains("/v1/program/years", "/v1/commitments", "/v1/exports/{table}", "/v1/exports/organizations/{orgId}/months",
                            "downloadRate:", "yearOverYear:", "percentChange:");
        }
    }
}
