/**
 * Organizations: the table of current pledge profiles (from the pledges topic) and pledged
 * organizations over time (new, withdrawn, active at the end of each month and year, by type).
 */
package org.bluebutton.analytics.streams.organization;
