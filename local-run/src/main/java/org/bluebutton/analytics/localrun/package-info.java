/**
 * The one-command local run: the local stack plus the services, wired together on fixed ports.
 * It grows with the pipeline (streams, the simulator and the report join it with their issues).
 */
package org.bluebutton.analytics.localrun;
