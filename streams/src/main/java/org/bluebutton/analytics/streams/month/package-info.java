/**
 * Per organization and calendar month (UTC): distinct download activity per channel, and the access
 * snapshot that stands for the month, joined into {@code OrgMonthlyMetrics}.
 */
package org.bluebutton.analytics.streams.month;
