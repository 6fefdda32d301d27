/**
 * Running a simulation against ingest: {@link org.bluebutton.analytics.simulator.run.SimulatorRun}
 * plays a plan month by month (a few organizations in flight at once, each organization's requests
 * in order), feeds the ground-truth recorder with what was acknowledged and reports progress;
 * {@link org.bluebutton.analytics.simulator.run.SimulatorCommand} is the command line.
 */
package org.bluebutton.analytics.simulator.run;
