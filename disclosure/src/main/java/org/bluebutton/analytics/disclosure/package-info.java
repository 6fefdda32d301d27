/**
 * The one rule that decides which figures every public output may show: the annual report's tables
 * and charts and the Blue Button Hub use the same {@link org.bluebutton.analytics.disclosure.CellSuppressor},
 * so a count hidden in one is never shown, or left recoverable by subtraction, in another.
 */
package org.bluebutton.analytics.disclosure;
