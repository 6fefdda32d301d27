/**
 * The pledge program's vocabulary as the ingest API spells it: organization types, categories and
 * commitments (and which fit which type), activity channels, record formats, engagement types and
 * US states with the weights the simulator draws them with.
 */
package org.bluebutton.analytics.simulator.program;
