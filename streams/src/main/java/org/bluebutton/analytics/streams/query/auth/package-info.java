/** Who may call: program staff (the staff key) on staff routes, the application's own instances (the peer secret) on internal routes. */
package org.bluebutton.analytics.streams.query.auth;
