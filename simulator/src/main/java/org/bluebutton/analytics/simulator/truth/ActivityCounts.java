package org.bluebutton.analytics.simulator.truth;

import org.bluebutton.analytics.simulator.program.Channel;

/** Activity in a period: summed counts per channel and the number of distinct events counted. */
public record ActivityCounts(long views, long downloads, long transmits, long apiAccesses, long events) {

    public static final ActivityCounts NONE = new ActivityCounts(0, 0, 0, 0, 0);

    /** These counts plus one event of {@code count} on {@code channel}. */
    public ActivityCounts plus(Channel channel, long count) {
        return new ActivityCounts(views + (channel == Channel.VIEW ? count : 0), downloads + (channel == Channel.DOWNLOAD ? count : 0),
                transmits + (channel == Channel.TRANSMIT ? count : 0), apiAccesses + (channel == Channel.API ? count : 0), events + 1);
    }

    /** The sum of two periods' or organizations' counts. */
    public ActivityCounts plus(ActivityCounts other) {
        return new ActivityCounts(views + other.views, downloads + other.downloads, transmits + other.transmits,
                apiAccesses + other.apiAccesses, events + other.events);
    }

    /** The sum of the counts over all channels. */
    public long total() {
        return views + downloads + transmits + apiAccesses;
    }
}
