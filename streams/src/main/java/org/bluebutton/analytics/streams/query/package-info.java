/**
 * The query API of a streams instance, in the same process as the Kafka Streams application:
 * {@link org.bluebutton.analytics.streams.query.QueryServer} starts it with
 * {@link org.bluebutton.analytics.streams.query.QuerySettings}. Its parts: {@code http} (controllers,
 * parameters, problem responses), {@code metrics} (the answers, computed from the stores),
 * {@code store} (reading a store locally or on the instance that owns a key) and {@code auth} (the
 * staff key and the peer secret). Beans exist only in the Micronaut environment {@code query}.
 */
package org.bluebutton.analytics.streams.query;
