/** The query API's HTTP surface: controllers, query parameters, health and problem+json responses. */
package org.bluebutton.analytics.streams.query.http;
