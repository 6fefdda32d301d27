/** Logging of the streams process: what is routine for Kafka's clients stays out of the console. */
package org.bluebutton.analytics.streams.logging;
