/**
 * Organizations and their pledges: staff create, update and withdraw them; an organization updates
 * its own profile. Ingest keeps the current profiles in memory, read from the compacted pledges
 * topic, to answer "does this organization exist and is it active" and to apply partial updates.
 */
package org.bluebutton.analytics.ingest.pledge;
