/**
 * Roll-ups of organization months and years by program, category and state, following each
 * organization's current profile with exact retraction.
 */
package org.bluebutton.analytics.streams.rollup;
