/**
 * Topics as code: {@link org.bluebutton.analytics.schemas.topic.Topics} names every topic with its
 * partitions, cleanup policy, retention and Avro schemas; {@link
 * org.bluebutton.analytics.schemas.topic.TopicInitializer} creates missing topics and refuses to run
 * against a topic whose settings differ from the catalogue.
 */
package org.bluebutton.analytics.schemas.topic;
