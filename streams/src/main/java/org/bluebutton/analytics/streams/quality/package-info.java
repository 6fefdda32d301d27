/**
 * Data quality: reading input records from bytes (unreadable or rule-breaking records become dead
 * letters) and the figures of what was set aside — late events, duplicates and dead letters per input
 * topic and month.
 */
package org.bluebutton.analytics.streams.quality;
