package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bluebutton.analytics.deploy.ComposeFile.Mount;
import org.bluebutton.analytics.deploy.ComposeFile.Service;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.reporting.cli.ReportCommand;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.StreamsService;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Option;

/**
 * What docker-compose.yml must be, read as a file and checked against the services' own code: the
 * environment variables and options it sets are ones the services read, every dependency is awaited
 * healthy, the two streams instances form one application, and the images it builds exist in the
 * Dockerfile with real main classes. And what keeps the stack running after the first {@code up}:
 * restart policies, one build per image tag, memory limits the heaps fit under, stop grace periods
 * longer than the streams shutdown, exact image releases. (Whether the containers then run is
 * {@code ComposeStackIT}'s question, on machines with Docker; {@code ImageLayoutIT} starts the
 * images' layout without Docker.)
 */
class ComposeFileTest {

    private static final String STAFF_KEY_HASH_REFERENCE = "${BLUEBUTTON_STAFF_KEY_SHA256:?";
    private static final String PEER_SECRET_REFERENCE = "${BLUEBUTTON_PEER_SECRET:?";
    private static final Pattern ENV_DEFAULT = Pattern.compile("\\$\\{env:([A-Z0-9_]+)");
    /** Variables every JVM reads and announces on its first line of output. */
    private static final Set<String> ANNOUNCED_JVM_VARIABLES = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
    private static final Pattern XMX = Pattern.compile("-Xmx(\\d+[kKmMgG]?)");
    private static final long MIN_HEAP = 128L << 20;
    /** Metaspace, code cache, thread stacks, Netty's direct buffers and, in streams, RocksDB need this much at least. */
    private static final long MIN_OUTSIDE_HEAP = 256L << 20;

    private final ComposeFile compose = ComposeFile.read(RepositoryFiles.composeFile());
    private final Dockerfile dockerfile = Dockerfile.read(RepositoryFiles.dockerfile());

    @Test
    void the_stack_has_kafka_a_registry_ingest_two_streams_instances_and_a_report_job() {
        assertThat(compose.serviceNames()).contains("kafka", "schema-registry", "ingest", "report");
        assertThat(servicesRunning("streams")).hasSize(2);
        assertThat(compose.service("kafka").node().path("image").asText()).isEqualTo("apache/kafka:4.1.1");
        assertThat(compose.service("schema-registry").node().path("image").asText()).startsWith("confluentinc/cp-schema-registry:7.");
    }

    @Test
    void every_depends_on_target_is_a_service_of_the_file_and_is_awaited_healthy() {
        for (Service service : compose.services()) {
            assertThat(compose.serviceNames()).as("%s depends on", service.name()).containsAll(service.dependsOn().keySet());
            assertThat(service.dependsOn()).allSatisfy((dependency, condition) ->
                    assertThat(condition).as("%s waits for %s", service.name(), dependency).isEqualTo("service_healthy"));
        }
    }

    @Test
    void every_service_another_depends_on_has_a_healthcheck() {
        Set<String> dependedOn = compose.services().stream().flatMap(service -> service.dependsOn().keySet().stream())
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(dependedOn).isNotEmpty();
        for (String name : dependedOn) {
            assertThat(compose.service(name).hasHealthcheck()).as("%s has a healthcheck", name).isTrue();
        }
    }

    @Test
    void every_long_running_service_has_a_healthcheck_and_only_the_report_job_waits_for_a_profile() {
        for (Service service : compose.services()) {
            if (service.profiles().isEmpty()) {
                assertThat(service.hasHealthcheck()).as("%s has a healthcheck", service.name()).isTrue();
            }
        }
        assertThat(compose.service("report").profiles()).containsExactly("report");
        assertThat(compose.services().stream().filter(service -> !service.profiles().isEmpty()).map(Service::name)).containsExactly("report");
    }

    @Test
    void the_health_checks_call_the_endpoints_the_services_serve() {
        assertThat(compose.service("kafka").healthcheckCommand()).contains("/opt/kafka/bin/kafka-broker-api-versions.sh");
        assertThat(compose.service("schema-registry").healthcheckCommand()).contains("http://localhost:8081/subjects");
        assertThat(compose.service("ingest").healthcheckCommand()).contains("http://localhost:8080/health");
        for (Service streams : servicesRunning("streams")) {
            assertThat(streams.healthcheckCommand()).as(streams.name())
                    .contains("http://localhost:" + streams.environment().get("BLUEBUTTON_STREAMS_HTTP_PORT") + "/health");
        }
    }

    @Test
    void every_named_volume_a_service_mounts_is_declared_and_every_declared_one_is_used() {
        Set<String> mounted = compose.services().stream().flatMap(service -> service.mounts().stream())
                .filter(Mount::isNamedVolume).map(Mount::source).collect(Collectors.toCollection(TreeSet::new));

        assertThat(compose.declaredVolumes()).containsAll(mounted);
        assertThat(mounted).containsAll(compose.declaredVolumes());
        assertThat(compose.service("kafka").mounts()).contains(new Mount("kafka-data",
                compose.service("kafka").environment().get("KAFKA_LOG_DIRS")));
    }

    @Test
    void both_streams_instances_share_the_application_id_and_each_advertises_its_own_service_name() {
        List<Service> instances = servicesRunning("streams");
        Map<String, String> first = instances.get(0).environment();

        for (Service instance : instances) {
            Map<String, String> env = instance.environment();
            assertThat(env.get("BLUEBUTTON_STREAMS_APPLICATION_ID")).isEqualTo(first.get("BLUEBUTTON_STREAMS_APPLICATION_ID")).isNotBlank();
            assertThat(env.get("BLUEBUTTON_STREAMS_INSTANCE_ID")).as("instance id").isEqualTo(instance.name());
            assertThat(env.get("BLUEBUTTON_STREAMS_ADVERTISED_HOST")).as("advertised host").isEqualTo(instance.name());
            // Routing builds addresses from the owner's advertised host and *its* port, so all listen alike.
            assertThat(env.get("BLUEBUTTON_STREAMS_HTTP_PORT")).isEqualTo(first.get("BLUEBUTTON_STREAMS_HTTP_PORT"));
            assertThat(instance.ports()).singleElement().asString().endsWith(":" + env.get("BLUEBUTTON_STREAMS_HTTP_PORT"));
            assertThat(instance.mounts()).singleElement().extracting(Mount::target).isEqualTo(env.get("BLUEBUTTON_STREAMS_STATE_DIR"));
        }
        assertThat(instances.stream().map(instance -> instance.ports().get(0).split(":")[0]).distinct()).as("host ports").hasSize(2);
        assertThat(instances.stream().map(instance -> instance.mounts().get(0).source()).distinct()).as("state volumes").hasSize(2);
    }

    @Test
    void ingest_is_configured_only_with_settings_IngestConfiguration_defines() {
        Set<String> known = Arrays.stream(IngestConfiguration.class.getRecordComponents()).map(RecordComponent::getName)
                .map(name -> "BLUEBUTTON_INGEST_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT))
                .collect(Collectors.toSet());

        assertThat(known).contains("BLUEBUTTON_INGEST_STAFF_KEY_SHA256", "BLUEBUTTON_INGEST_REGISTER_SCHEMAS");
        assertThat(compose.service("ingest").environment().keySet()).allSatisfy(name ->
                assertThat(known).as("settings ingest reads").contains(name));
    }

    @Test
    void streams_instances_are_configured_only_with_variables_StreamsApplication_reads() {
        Set<String> known = Arrays.stream(StreamsApplication.class.getDeclaredFields())
                .map(field -> field.getAnnotation(Option.class)).filter(option -> option != null)
                .map(option -> ENV_DEFAULT.matcher(option.defaultValue())).filter(Matcher::find).map(matcher -> matcher.group(1))
                .collect(Collectors.toSet());

        assertThat(known).contains("BLUEBUTTON_STREAMS_INSTANCE_ID", "BLUEBUTTON_STREAMS_STAFF_KEY_SHA256", "BLUEBUTTON_STREAMS_PEER_SECRET");
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.environment().keySet()).allSatisfy(name ->
                    assertThat(known).as("variables streams reads").contains(name));
        }
    }

    @Test
    void the_report_job_passes_only_options_ReportCommand_declares_and_takes_its_year_from_REPORT_YEAR() {
        Set<String> known = Arrays.stream(ReportCommand.class.getDeclaredFields()).map(field -> field.getAnnotation(Option.class))
                .filter(option -> option != null).flatMap(option -> Arrays.stream(option.names())).collect(Collectors.toSet());
        List<String> command = compose.service("report").command();

        assertThat(command.stream().filter(argument -> argument.startsWith("--"))).allSatisfy(option ->
                assertThat(known).as("options of ReportCommand").contains(option));
        assertThat(command.get(command.indexOf("--year") + 1)).matches("\\$\\{REPORT_YEAR:-\\d{4}}");
        assertThat(command.get(command.indexOf("--out") + 1)).startsWith(compose.service("report").mounts().get(0).target() + "/");
        assertThat(compose.service("report").environment()).isEmpty();
    }

    @Test
    void ingest_and_both_streams_instances_require_the_staff_key_hash_from_the_environment() {
        assertThat(compose.service("ingest").environment().get("BLUEBUTTON_INGEST_STAFF_KEY_SHA256")).startsWith(STAFF_KEY_HASH_REFERENCE);
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.environment().get("BLUEBUTTON_STREAMS_STAFF_KEY_SHA256")).as(instance.name())
                    .startsWith(STAFF_KEY_HASH_REFERENCE);
        }
    }

    @Test
    void both_streams_instances_share_one_required_peer_secret_from_the_environment() {
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.environment().get("BLUEBUTTON_STREAMS_PEER_SECRET")).as(instance.name()).startsWith(PEER_SECRET_REFERENCE);
        }
    }

    @Test
    void one_broker_means_replication_factor_and_min_isr_of_one_everywhere() {
        Map<String, String> kafka = compose.service("kafka").environment();

        assertThat(kafka).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1");
        assertThat(compose.service("schema-registry").environment()).containsEntry("SCHEMA_REGISTRY_KAFKASTORE_TOPIC_REPLICATION_FACTOR", "1");
        assertThat(compose.service("ingest").environment()).containsEntry("BLUEBUTTON_INGEST_REPLICATION_FACTOR", "1");
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.environment()).as(instance.name()).containsEntry("BLUEBUTTON_STREAMS_REPLICATION_FACTOR", "1");
        }
    }

    @Test
    void an_empty_stack_works_because_ingest_creates_the_topics_and_registers_the_schemas_before_streams_start() {
        assertThat(compose.service("ingest").environment()).containsEntry("BLUEBUTTON_INGEST_REGISTER_SCHEMAS", "true")
                .containsEntry("BLUEBUTTON_INGEST_INITIALIZE_TOPICS", "true");
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.dependsOn()).as(instance.name()).containsEntry("ingest", "service_healthy");
        }
    }

    @Test
    void clients_use_the_address_kafka_advertises_on_the_compose_network_and_the_registry_listens_on() {
        String advertised = compose.service("kafka").environment().get("KAFKA_ADVERTISED_LISTENERS");
        String registryPort = compose.service("schema-registry").environment().get("SCHEMA_REGISTRY_LISTENERS").replaceAll(".*:", "");
        String bootstrap = compose.service("ingest").environment().get("BLUEBUTTON_INGEST_KAFKA_BOOTSTRAP_SERVERS");
        String registry = compose.service("ingest").environment().get("BLUEBUTTON_INGEST_SCHEMA_REGISTRY_URL");

        assertThat(advertised).contains("//" + bootstrap);
        assertThat(compose.service("schema-registry").environment().get("SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS")).endsWith("//" + bootstrap);
        assertThat(registry).isEqualTo("http://schema-registry:" + registryPort);
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.environment()).as(instance.name()).containsEntry("BLUEBUTTON_STREAMS_BOOTSTRAP_SERVERS", bootstrap)
                    .containsEntry("BLUEBUTTON_STREAMS_SCHEMA_REGISTRY_URL", registry);
        }
        List<String> report = compose.service("report").command();
        assertThat(report.get(report.indexOf("--bootstrap-servers") + 1)).isEqualTo(bootstrap);
        assertThat(report.get(report.indexOf("--schema-registry-url") + 1)).isEqualTo(registry);
    }

    @Test
    void every_image_compose_builds_is_a_Dockerfile_target_that_starts_a_real_main_class() throws Exception {
        List<Service> built = compose.services().stream().filter(service -> service.buildTarget().isPresent()).toList();

        assertThat(built.stream().map(service -> service.buildTarget().get()).distinct()).containsExactlyInAnyOrder("ingest", "streams", "reporting");
        for (Service service : built) {
            Dockerfile.Stage stage = dockerfile.stage(service.buildTarget().get())
                    .orElseThrow(() -> new AssertionError("Dockerfile has no stage " + service.buildTarget().get()));
            String mainClass = stage.mainClass().orElseThrow(() -> new AssertionError(stage.name() + " has no 'java -cp … <main>' entry point"));
            Method main = Class.forName(mainClass).getMethod("main", String[].class);
            assertThat(Modifier.isStatic(main.getModifiers()) && Modifier.isPublic(main.getModifiers())).as(mainClass + ".main").isTrue();
        }
        assertThat(dockerfile.stage("build")).get().extracting(Dockerfile.Stage::base).asString().startsWith("eclipse-temurin:17.").contains("-jdk");
        assertThat(dockerfile.stage("runtime")).get().extracting(Dockerfile.Stage::base).asString().startsWith("eclipse-temurin:17.").contains("-jre");
    }

    @Test
    void every_long_running_service_is_restarted_unless_stopped_and_the_report_job_never() {
        // Streams exits on purpose when it cannot go on, ingest when Kafka is away at its start: the
        // restart policy is the supervisor both count on. Compose restarts nothing by default.
        for (Service service : compose.services()) {
            if (service.profiles().isEmpty()) {
                assertThat(service.restart()).as("%s restart", service.name()).isEqualTo("unless-stopped");
            }
        }
        assertThat(compose.service("report").restart()).isEqualTo("no");
    }

    @Test
    void each_image_tag_is_built_by_one_service_and_the_others_running_it_never_pull_it() {
        // Two services building one tag fail in Compose's parallel (bake) build on a clean machine; a
        // service only using the tag must not try a registry where the image does not exist.
        Map<String, List<String>> buildersByTag = compose.services().stream().filter(Service::builds)
                .collect(Collectors.groupingBy(Service::image, TreeMap::new, Collectors.mapping(Service::name, Collectors.toList())));

        assertThat(buildersByTag).isNotEmpty().allSatisfy((tag, builders) -> assertThat(builders).as("services building %s", tag).hasSize(1));
        for (Service service : compose.services()) {
            if (!service.builds() && buildersByTag.containsKey(service.image())) {
                assertThat(service.pullPolicy()).as("%s runs %s, built here", service.name(), service.image()).isEqualTo("never");
            }
        }
        assertThat(servicesRunning("streams")).extracting(Service::name).containsExactly("streams-1", "streams-2");
    }

    @Test
    void every_service_has_a_memory_limit_and_its_jvm_heap_leaves_room_under_it() {
        for (Service service : compose.services()) {
            long limit = service.memLimitBytes().orElseThrow(() -> new AssertionError(service.name() + " has no mem_limit"));
            long heap = heapBytes(service, limit);

            System.out.printf("%-16s mem_limit %5d MiB, heap %5d MiB, outside the heap %5d MiB%n", service.name(), limit >> 20, heap >> 20,
                    (limit - heap) >> 20);
            assertThat(heap).as("%s heap", service.name()).isGreaterThanOrEqualTo(MIN_HEAP);
            assertThat(limit - heap).as("%s: room outside the heap (metaspace, threads, direct buffers, RocksDB)", service.name())
                    .isGreaterThanOrEqualTo(MIN_OUTSIDE_HEAP);
        }
    }

    @Test
    void the_streams_instances_are_given_longer_to_stop_than_their_shutdown_takes() {
        // Killed before it closes, an instance aborts its open transaction and restores state on the next start.
        for (Service instance : servicesRunning("streams")) {
            assertThat(instance.stopGracePeriod()).as("%s stop_grace_period", instance.name())
                    .isGreaterThan(StreamsService.SHUTDOWN_TIMEOUT);
        }
    }

    @Test
    void every_image_the_stack_starts_from_is_an_exact_release() {
        // The images compose pulls and the base images of those it builds: a floating tag (17-jdk,
        // latest) changes the stack under the same files.
        List<String> images = new ArrayList<>();
        compose.services().stream().filter(service -> stageOf(service).isEmpty()).forEach(service -> images.add(service.image()));
        dockerfile.stages().stream().filter(Dockerfile.Stage::baseIsImage).forEach(stage -> images.add(stage.base()));

        assertThat(images).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(image -> assertThat(ImageReference.isExactRelease(image)).as("%s is an exact release", image).isTrue());
    }

    @Test
    void no_image_or_service_sets_a_jvm_options_variable_that_every_jvm_announces_on_start() {
        // JAVA_TOOL_OPTIONS and the like make each JVM (the health checks' too) print "Picked up ..." first.
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            assertThat(stage.environment().keySet()).as("ENV of stage %s", stage.name()).doesNotContainAnyElementsOf(ANNOUNCED_JVM_VARIABLES);
        }
        for (Service service : compose.services()) {
            assertThat(service.environment().keySet()).as(service.name()).doesNotContainAnyElementsOf(ANNOUNCED_JVM_VARIABLES);
        }
    }

    /** The heap the service's JVM will take under {@code limit}: -Xmx of its *_HEAP_OPTS, or its image's MaxRAMPercentage. */
    private long heapBytes(Service service, long limit) {
        Optional<Dockerfile.Stage> stage = stageOf(service);
        if (stage.isPresent()) {
            int percentage = stage.get().maxRamPercentage()
                    .orElseThrow(() -> new AssertionError(service.name() + ": the entry point sets no -XX:MaxRAMPercentage"));
            return limit * percentage / 100;
        }
        // Kafka's and the registry's images default to a fixed heap (Kafka: 1 GiB) whatever the limit.
        return service.environment().entrySet().stream().filter(variable -> variable.getKey().endsWith("_HEAP_OPTS"))
                .map(variable -> XMX.matcher(variable.getValue())).filter(Matcher::find)
                .map(xmx -> ComposeFile.ByteSize.parse(xmx.group(1))).findFirst()
                .orElseThrow(() -> new AssertionError(service.name() + ": no *_HEAP_OPTS with -Xmx; the image's default heap ignores the limit"));
    }

    /** Services running the image built from Dockerfile target {@code target}: the one building it and those using its tag. */
    private List<Service> servicesRunning(String target) {
        Set<String> tags = compose.services().stream().filter(service -> service.buildTarget().filter(target::equals).isPresent())
                .map(Service::image).collect(Collectors.toSet());
        return compose.services().stream()
                .filter(service -> service.buildTarget().filter(target::equals).isPresent() || tags.contains(service.image())).toList();
    }

    /** The Dockerfile stage a service's image comes from (built by it, or by the service building its tag). */
    private Optional<Dockerfile.Stage> stageOf(Service service) {
        return compose.services().stream().filter(builder -> builder.buildTarget().isPresent() && builder.image().equals(service.image()))
                .findFirst().flatMap(builder -> dockerfile.stage(builder.buildTarget().get()));
    }
}
