package org.bluebutton.analytics.streams.quality;

import org.bluebutton.analytics.schemas.quality.DeadLetter;

/**
 * The outcome of reading one input record: the event, or the dead letter that keeps the record and
 * says why it could not be used.
 *
 * @param <V> the event type
 */
public record Decoded<V>(V event, DeadLetter deadLetter) {

    /** Whether the record became an event. */
    public boolean ok() {
        return event != null;
    }
}
