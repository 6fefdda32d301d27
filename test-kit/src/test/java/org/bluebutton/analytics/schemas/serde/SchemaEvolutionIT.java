package org.bluebutton.analytics.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.registry.IncompatibleSchemaException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.bluebutton.analytics.testkit.SchemaVariants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Schema evolution under BACKWARD compatibility, on the real registry. "Old" is Pledge as it was
 * before {@code city} and {@code postalCode} were added; "new" is the generated class.
 */
@ExtendWith(LocalStackExtension.class)
class SchemaEvolutionIT {

    private static final Schema NEW = Pledge.getClassSchema();
    private static final Schema OLD = SchemaVariants.withoutFields(NEW, Set.of("city", "postalCode", "listedOnHub"));

    private final SchemaRegistryClient registry;
    private final String topic = "evolution-" + UUID.randomUUID();
    private final String subject = topic + "-value";

    SchemaEvolutionIT(LocalStack stack) {
        this.registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
    }

    @Test
    void adding_an_optional_field_is_accepted_as_a_new_version() {
        new SchemaRegistration(registry).registerAll(Map.of(subject, OLD));

        var registered = new SchemaRegistration(registry).registerAll(Map.of(subject, NEW));

        assertThat(registered).singleElement().satisfies(version -> assertThat(version.version()).isEqualTo(2));
    }

    @Test
    void an_old_reader_reads_data_written_with_the_new_schema() {
        new SchemaRegistration(registry).registerAll(Map.of(subject, OLD));
        new SchemaRegistration(registry).registerAll(Map.of(subject, NEW));
        Pledge written = SampleEvents.hospitalPledge("org-evolve").build();
        byte[] bytes = serializer().serialize(topic, written);

        GenericRecord read = new GenericAvroDeserializer(OLD, registry).deserialize(topic, bytes);

        assertThat(read.getSchema()).isEqualTo(OLD);
        assertThat(read.get("name")).hasToString(written.getName());
        assertThat(read.get("state")).hasToString("MA");
    }

    @Test
    void a_new_reader_reads_data_written_with_the_old_schema() {
        new SchemaRegistration(registry).registerAll(Map.of(subject, OLD));
        GenericRecord old = oldPledge("org-old");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, false).serialize(topic, old);

        Pledge read = new SpecificAvroDeserializer<>(Pledge.class, registry).deserialize(topic, bytes);

        assertThat(read.getOrgId()).isEqualTo("org-old");
        assertThat(read.getName()).isEqualTo("Old Clinic");
        assertThat(read.getCity()).isNull();
        assertThat(read.getPostalCode()).isNull();
        assertThat(read.getListedOnHub()).as("organizations pledged before the Hub listing choice stay listed").isTrue();
    }

    @Test
    void a_breaking_change_is_rejected_naming_the_subject_and_the_field() {
        new SchemaRegistration(registry).registerAll(Map.of(subject, NEW));
        Schema breaking = SchemaVariants.withExtraField(NEW, "npiNumber", false);

        assertThatThrownBy(() -> new SchemaRegistration(registry).registerAll(Map.of(subject, breaking)))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining("npiNumber");
        assertThat(registry.latestVersion(subject)).get().satisfies(latest -> assertThat(latest.schema()).isEqualTo(NEW));
    }

    @Test
    void the_registry_itself_refuses_a_breaking_change_with_409() {
        new SchemaRegistration(registry).registerAll(Map.of(subject, NEW));
        Schema breaking = SchemaVariants.withExtraField(NEW, "npiNumber", false);

        assertThatThrownBy(() -> registry.register(subject, breaking))
                .isInstanceOfSatisfying(IncompatibleSchemaException.class, e -> {
                    assertThat(e.httpStatus()).isEqualTo(409);
                    assertThat(e.subject()).isEqualTo(subject);
                });
    }

    private AvroSerializer<Pledge> serializer() {
        return new AvroSerializer<>(registry, false);
    }

    private static GenericRecord oldPledge(String orgId) {
        GenericData.Record record = new GenericData.Record(OLD);
        record.put("eventId", UUID.randomUUID().toString());
        record.put("orgId", orgId);
        record.put("name", "Old Clinic");
        record.put("organizationType", new GenericData.EnumSymbol(OLD.getField("organizationType").schema(), "DATA_HOLDER"));
        record.put("category", new GenericData.EnumSymbol(OLD.getField("category").schema(), "PROVIDER"));
        record.put("state", "VT");
        record.put("website", null);
        Schema commitment = OLD.getField("commitments").schema().getElementType();
        record.put("commitments", List.of(new GenericData.EnumSymbol(commitment, "DOWNLOAD_FROM_PORTAL")));
        record.put("status", new GenericData.EnumSymbol(OLD.getField("status").schema(), "ACTIVE"));
        record.put("pledgedAt", SampleEvents.NOW.toEpochMilli());
        record.put("updatedAt", SampleEvents.NOW.toEpochMilli());
        return record;
    }
}
