/** Engagement by pledged organizations: distinct activities and people reached per organization, year and type. */
package org.bluebutton.analytics.streams.engagement;
