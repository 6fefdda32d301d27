package org.bluebutton.analytics.ingest.testing;

import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a test class one {@link IngestServer} on the shared {@link LocalStack} (taken from
 * {@link LocalStackExtension}), started before its
 * first test and stopped after its last (before the stack, which outlives the class). Declare
 * {@code @ExtendWith(IngestServerExtension.class)} and take an {@code IngestServer} and/or a
 * {@code LocalStack} parameter.
 */
public final class IngestServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(IngestServerExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == IngestServer.class || type == LocalStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        LocalStack stack = LocalStackExtension.shared(context);
        if (parameter.getParameter().getType() == LocalStack.class) {
            return stack;
        }
        ExtensionContext classContext = context.getTestClass().isPresent() && context.getTestMethod().isEmpty()
                ? context : context.getParent().orElse(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(IngestServer.class, key -> IngestServer.start(stack),
                IngestServer.class);
    }
}
