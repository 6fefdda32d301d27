/**
 * Per organization, in the task that reads the organization's co-partitioned input topics: admission
 * of downloads, month and year figures, engagement figures, and the organizations' changes to roll-ups.
 */
package org.bluebutton.analytics.streams.figures;
