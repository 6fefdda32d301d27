/** The answers of the query API and the Hub (records serialized as JSON), computed from the stores. */
package org.bluebutton.analytics.streams.query.metrics;
