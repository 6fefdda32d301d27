/**
 * The plan of a simulation: {@link org.bluebutton.analytics.simulator.plan.Simulation} turns a
 * {@link org.bluebutton.analytics.simulator.config.SimulationConfig} into organizations and, month by
 * month ({@link org.bluebutton.analytics.simulator.plan.Tick}), the requests each organization makes
 * ({@link org.bluebutton.analytics.simulator.plan.Step}). Pure and seeded: no I/O, no clock, the same
 * config gives an equal plan.
 */
package org.bluebutton.analytics.simulator.plan;
