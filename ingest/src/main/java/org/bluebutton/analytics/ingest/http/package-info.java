/** The HTTP surface: controllers under {@code /v1}, problem+json errors, health and metrics. */
package org.bluebutton.analytics.ingest.http;
