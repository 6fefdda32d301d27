package org.bluebutton.analytics.localstack;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a test class using {@link LocalStackExtension}: the number of Kafka nodes its stack runs (a
 * static KRaft quorum of them, each broker and controller, with the catalogue's replication). Classes
 * asking for the same number share one stack per test JVM; without the annotation a class gets the
 * single-broker stack.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KafkaNodes {

    /** The number of Kafka nodes, at least 1. */
    int value();
}
