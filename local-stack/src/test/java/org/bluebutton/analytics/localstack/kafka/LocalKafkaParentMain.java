package org.bluebutton.analytics.localstack.kafka;

/**
 * A JVM that starts a {@link LocalKafka}, prints {@value #READY} with the broker's pid and data
 * directory, and then waits to be killed: the parent in the orphan specification of
 * {@link LocalKafkaIT}.
 */
public final class LocalKafkaParentMain {

    /** The first word of the line printed once the broker is ready. */
    static final String READY = "READY";

    private LocalKafkaParentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LocalKafka kafka = LocalKafka.builder().build();
        kafka.start();
        long brokerPid = ProcessHandle.current().children().findFirst().orElseThrow().pid();
        System.out.println(READY + " " + brokerPid + " " + kafka.dataDirectory());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
