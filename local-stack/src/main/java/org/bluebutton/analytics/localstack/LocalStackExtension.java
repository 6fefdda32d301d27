package org.bluebutton.analytics.localstack;

import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension giving tests a running {@link LocalStack}: one stack per test JVM, started by
 * the first test class that asks for it and stopped when the test run ends (the root context's store
 * closes it). Declare it with {@code @ExtendWith(LocalStackExtension.class)} and take a
 * {@code LocalStack} parameter in a constructor, lifecycle method or test.
 *
 * <p>Tests share the broker and the registry, so each test uses its own topic names or ids.
 *
 * <p>A class annotated {@link KafkaNodes @KafkaNodes(3)} gets a stack of three Kafka nodes instead
 * (shared with the other classes that ask for three, stopped at the end of the run too).
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LocalStackExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        shared(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return shared(context);
    }

    /**
     * The stack shared by every test of this JVM that asks for the same number of Kafka nodes as the
     * test class ({@link KafkaNodes}, default 1), started on first use; for other extensions built on it.
     */
    public static LocalStack shared(ExtensionContext context) {
        int nodes = kafkaNodes(context);
        if (nodes == 1) {
            return context.getRoot().getStore(NAMESPACE)
                    .getOrComputeIfAbsent(LocalStack.class, key -> LocalStack.startTemporary(), LocalStack.class);
        }
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("kafka-nodes-" + nodes, key -> LocalStack.startTemporary(nodes), LocalStack.class);
    }

    private static int kafkaNodes(ExtensionContext context) {
        Optional<KafkaNodes> annotation = context.getTestClass().map(type -> type.getAnnotation(KafkaNodes.class));
        int nodes = annotation.map(KafkaNodes::value).orElse(1);
        if (nodes < 1) {
            throw new IllegalArgumentException("@KafkaNodes needs at least 1 node, got " + nodes);
        }
        return nodes;
    }
}
