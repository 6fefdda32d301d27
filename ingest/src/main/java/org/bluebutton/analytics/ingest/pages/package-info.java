/**
 * Ingest's staff pages ({@code /staff}): staff create and correct organizations, withdraw them, issue
 * keys and review pledge requests in the browser. The page is rendered once (its lists of types,
 * categories, states and commitments come from the same rules the API applies); its script
 * ({@code /assets/staff.js}) calls ingest's JSON API with the staff key the user typed, so the API's
 * rules and problem messages are the page's.
 */
package org.bluebutton.analytics.ingest.pages;
