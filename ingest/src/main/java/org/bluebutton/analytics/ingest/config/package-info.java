/** Configuration of the ingest service and the wiring of its parts. */
package org.bluebutton.analytics.ingest.config;
