/** Per organization and calendar year: the sum of its months' activity and its latest snapshot. */
package org.bluebutton.analytics.streams.year;
