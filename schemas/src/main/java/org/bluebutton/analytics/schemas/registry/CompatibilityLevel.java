package org.bluebutton.analytics.schemas.registry;

/** Schema-registry compatibility levels, as the Confluent API spells them. */
public enum CompatibilityLevel {
    NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE
}
