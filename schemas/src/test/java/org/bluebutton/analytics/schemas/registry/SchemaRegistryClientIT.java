package org.bluebutton.analytics.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Schema;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The client against a real Confluent-compatible registry, reached under a base URL with a path. */
@ExtendWith(LocalStackExtension.class)
class SchemaRegistryClientIT {

    private final SchemaRegistryClient client;
    private final String subject = "client-" + UUID.randomUUID() + "-value";

    SchemaRegistryClientIT(LocalStack stack) {
        this.client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
    }

    @Test
    void register_lookup_and_fetch_by_id_agree() {
        int id = client.register(subject, Pledge.getClassSchema());

        RegisteredSchema found = client.lookup(subject, Pledge.getClassSchema());

        assertThat(found.id()).isEqualTo(id);
        assertThat(found.version()).isEqualTo(1);
        assertThat(client.latestVersion(subject)).get().extracting(RegisteredSchema::id).isEqualTo(id);
        assertThat(client.subjects()).contains(subject);
    }

    @Test
    void a_schema_fetched_by_id_by_a_fresh_client_equals_the_registered_one() {
        int id = client.register(subject, AccessSnapshot.getClassSchema());
        SchemaRegistryClient fresh = new SchemaRegistryClient(client.config());

        Schema fetched = fresh.schemaById(id);

        assertThat(fetched).isEqualTo(AccessSnapshot.getClassSchema());
    }

    @Test
    void registering_the_same_schema_again_returns_the_same_id() {
        int first = client.register(subject, Pledge.getClassSchema());
        SchemaRegistryClient fresh = new SchemaRegistryClient(client.config());

        assertThat(fresh.register(subject, Pledge.getClassSchema())).isEqualTo(first);
    }

    @Test
    void clients_registering_a_new_subject_at_the_same_moment_all_get_its_id(LocalStack stack) throws Exception {
        String fresh = "race-" + UUID.randomUUID() + "-value";
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                SchemaRegistryClient own = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
                ids.add(pool.submit(() -> own.register(fresh, Pledge.getClassSchema())));
            }
            Set<Integer> distinct = new HashSet<>();
            for (Future<Integer> id : ids) {
                distinct.add(id.get());
            }

            assertThat(distinct).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void an_unknown_schema_id_is_not_found() {
        assertThatThrownBy(() -> client.schemaById(999_999))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining("999999");
    }

    @Test
    void looking_up_an_unregistered_schema_is_not_found_and_names_the_subject() {
        assertThatThrownBy(() -> client.lookup(subject, Pledge.getClassSchema()))
                .isInstanceOf(SchemaNotFoundException.class)
                .hasMessageContaining(subject);
        assertThat(client.latestVersion(subject)).isEmpty();
    }

    @Test
    void per_subject_compatibility_can_be_set_and_read_back() {
        client.register(subject, Pledge.getClassSchema());

        client.setCompatibility(subject, CompatibilityLevel.FULL);

        assertThat(client.compatibility(subject)).isEqualTo(CompatibilityLevel.FULL);
    }

    @Test
    void an_unreachable_registry_is_reported_as_unavailable() {
        SchemaRegistryClient nowhere = new SchemaRegistryClient(SchemaRegistryClientConfig.of("http://127.0.0.1:1/apis/ccompat/v7"));

        assertThatThrownBy(() -> nowhere.schemaById(1))
                .isInstanceOf(SchemaRegistryUnavailableException.class)
                .hasMessageContaining("127.0.0.1:1");
    }

    @Test
    void registering_the_catalogue_twice_gives_the_same_versions() {
        SchemaRegistration registration = new SchemaRegistration(client);
        Map<String, Schema> subjects = SchemaRegistration.subjectsOf(Topics.all());

        var first = registration.registerAll(subjects);
        var second = registration.registerAll(subjects);

        assertThat(second).isEqualTo(first);
        assertThat(client.compatibility(Topics.PLEDGES.valueSubject())).isEqualTo(CompatibilityLevel.BACKWARD);
    }
}
