package org.bluebutton.analytics.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The module graph as the README draws it, and the packages inside the services, pinned over the
 * main classes of every module (tests are free to reach anywhere). A change that needs another arrow
 * changes this specification and the README's module table together.
 */
class ModuleRulesTest {

    private static final String PROJECT = "org.bluebutton.analytics..";
    private static final String CONTRACTS = "org.bluebutton.analytics.contracts..";
    private static final String SCHEMAS = "org.bluebutton.analytics.schemas..";
    private static final String DISCLOSURE = "org.bluebutton.analytics.disclosure..";
    private static final String LOCAL_STACK = "org.bluebutton.analytics.localstack..";
    private static final String TEST_KIT = "org.bluebutton.analytics.testkit..";
    private static final String INGEST = "org.bluebutton.analytics.ingest..";
    private static final String STREAMS = "org.bluebutton.analytics.streams..";
    private static final String REPORTING = "org.bluebutton.analytics.reporting..";
    private static final String SIMULATOR = "org.bluebutton.analytics.simulator..";
    private static final String HARNESS = "org.bluebutton.analytics.harness..";
    private static final String LOCAL_RUN = "org.bluebutton.analytics.localrun..";
    private static final String QUERY = "org.bluebutton.analytics.streams.query";

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.bluebutton.analytics");

    /** Classes of {@code module} use no project class but those of the {@code allowed} modules (and their own). */
    private static void onlyUses(String module, String... allowed) {
        String[] own = Stream.concat(Stream.of(module), Arrays.stream(allowed)).toArray(String[]::new);
        classes().that().resideInAPackage(module)
                .should().onlyDependOnClassesThat(not(resideInAPackage(PROJECT)).or(resideInAnyPackage(own)))
                .because("the module graph is drawn in the README's module table")
                .check(MAIN);
    }

    @Test
    void the_contracts_schemas_and_local_stack_stand_alone() {
        onlyUses(CONTRACTS);
        onlyUses(SCHEMAS);
        onlyUses(DISCLOSURE);
        onlyUses(LOCAL_STACK);
    }

    @Test
    void the_two_services_share_only_the_contracts_and_the_schemas() {
        onlyUses(INGEST, CONTRACTS, SCHEMAS, DISCLOSURE);
        onlyUses(STREAMS, CONTRACTS, SCHEMAS, DISCLOSURE);
    }

    @Test
    void the_report_reads_topics_through_the_schemas_only_connects_by_the_shared_security_settings_and_suppresses_by_the_shared_rule() {
        onlyUses(REPORTING, CONTRACTS, SCHEMAS, DISCLOSURE);
    }

    @Test
    void the_simulator_speaks_to_ingest_over_http_only() {
        onlyUses(SIMULATOR);
    }

    @Test
    void the_harness_starts_the_services_on_the_local_stack_and_the_local_run_builds_on_it() {
        onlyUses(TEST_KIT, SCHEMAS, LOCAL_STACK);
        onlyUses(HARNESS, INGEST, STREAMS, CONTRACTS, SCHEMAS, LOCAL_STACK);
        onlyUses(LOCAL_RUN, HARNESS, SIMULATOR, REPORTING, SCHEMAS, LOCAL_STACK, CONTRACTS);
    }

    @Test
    void no_main_code_but_the_local_stacks_test_extension_uses_junit() {
        noClasses().that().resideOutsideOfPackage(LOCAL_STACK)
                .should().dependOnClassesThat().resideInAnyPackage("org.junit..", "org.assertj..", "org.awaitility..")
                .check(MAIN);
    }

    @Test
    void the_query_api_is_layered_http_over_metrics_over_store_with_auth_apart() {
        noClasses().that().resideInAnyPackage(QUERY + ".store..", QUERY + ".metrics..", QUERY + ".auth..")
                .should().dependOnClassesThat().resideInAPackage(QUERY + ".http..").check(MAIN);
        noClasses().that().resideInAPackage(QUERY + ".store..")
                .should().dependOnClassesThat().resideInAnyPackage(QUERY + ".metrics..", QUERY + ".auth..").check(MAIN);
        noClasses().that().resideInAPackage(QUERY + ".auth..")
                .should().dependOnClassesThat().resideInAnyPackage(QUERY + ".store..", QUERY + ".metrics..").check(MAIN);
    }

    @Test
    void the_topology_knows_nothing_of_the_query_api() {
        noClasses().that().resideInAnyPackage("org.bluebutton.analytics.streams.figures..", "org.bluebutton.analytics.streams.rollup..",
                        "org.bluebutton.analytics.streams.organization..", "org.bluebutton.analytics.streams.quality..")
                .should().dependOnClassesThat().resideInAPackage(QUERY + "..").check(MAIN);
    }

    @Test
    void pledge_requests_and_their_contact_e_mails_are_read_by_ingest_alone() {
        // Personal data: not the streams application (the Hub), not the report and its datasets, not the simulator.
        noClasses().that().resideOutsideOfPackages(INGEST, SCHEMAS)
                .should().dependOnClassesThat().haveFullyQualifiedName("org.bluebutton.analytics.schemas.event.PledgeRequest")
                .orShould().accessField("org.bluebutton.analytics.schemas.topic.Topics", "PLEDGE_REQUESTS")
                .check(MAIN);
    }

    @Test
    void modules_and_the_query_api_s_packages_have_no_cycles() {
        slices().matching("org.bluebutton.analytics.(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(QUERY + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }
}
