package org.bluebutton.analytics.localstack.registry;

/**
 * A JVM that starts a {@link LocalSchemaRegistry}, prints {@value #READY} with the registry's pid,
 * and then waits to be killed: the parent in the orphan specification of {@link LocalSchemaRegistryIT}.
 */
public final class LocalSchemaRegistryParentMain {

    /** The first word of the line printed once the registry is ready. */
    static final String READY = "READY";

    private LocalSchemaRegistryParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalSchemaRegistry registry = LocalSchemaRegistry.builder().build();
        registry.start();
        long registryPid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
        System.out.println(READY + " " + registryPid);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
