/**
 * Taking the pledge: an organization sends a pledge request from the public form (HTML or JSON); it
 * is kept on the pledge-requests topic as pending until staff approve it (the organization is created
 * and its first API key issued, through the organization administration) or decline it with a reason.
 * The request's contact e-mail is personal data: it stays on that topic and in staff's answers.
 */
package org.bluebutton.analytics.ingest.signup;
