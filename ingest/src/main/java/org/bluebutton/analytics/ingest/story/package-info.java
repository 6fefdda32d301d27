/** Staff's choice of the engagement stories the annual report tells ({@code bluebutton.featured-stories}). */
package org.bluebutton.analytics.ingest.story;
