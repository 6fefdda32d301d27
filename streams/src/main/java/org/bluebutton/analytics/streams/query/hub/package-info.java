/**
 * The public Blue Button Hub: a snapshot of the listed organizations and their latest completed
 * year's public figures ({@link org.bluebutton.analytics.streams.query.hub.HubDirectory}), refreshed
 * at most once per configured interval so public traffic never reads the stores directly; the search
 * over it ({@link org.bluebutton.analytics.streams.query.hub.HubSearch}) and its HTML pages
 * ({@link org.bluebutton.analytics.streams.query.hub.HubPages}). Uses {@code store}; served by {@code http}.
 */
package org.bluebutton.analytics.streams.query.hub;
