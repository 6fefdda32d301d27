/**
 * Who may call what. Organizations authenticate with their own API key
 * ({@code Authorization: Bearer bbk_<keyId>_<secret>}); ingest stores only the SHA-256 of the
 * secret, in a compacted topic every instance reads, and compares hashes in constant time. Program
 * staff use one staff key whose hash is configured. Keys never appear in logs or toString().
 */
package org.bluebutton.analytics.ingest.auth;
