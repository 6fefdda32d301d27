/**
 * The local stack: a real Kafka broker and a real schema registry started without Docker, as child
 * processes, for integration tests ({@link org.bluebutton.analytics.localstack.LocalStackExtension})
 * and for the one-command local run ({@link org.bluebutton.analytics.localstack.LocalStackMain}).
 * Child processes (rather than in-process servers) let tests crash, freeze and restart a server
 * for real, and keep Kafka's and Quarkus's own dependencies out of the test JVM's static state.
 */
package org.bluebutton.analytics.localstack;
