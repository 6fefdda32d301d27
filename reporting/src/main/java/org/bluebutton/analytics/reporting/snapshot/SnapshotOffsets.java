package org.bluebutton.analytics.reporting.snapshot;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The end offset (read_committed: the last stable offset) of every partition of every source topic
 * when the snapshot was fixed. Everything a report says comes from the records below these
 * offsets, so the same offsets give the same output.
 *
 * @param endOffsets topic → partition → end offset (exclusive), in reading order
 */
public record SnapshotOffsets(Map<String, SortedMap<Integer, Long>> endOffsets) {

    public SnapshotOffsets {
        Map<String, SortedMap<Integer, Long>> copy = new LinkedHashMap<>();
        endOffsets.forEach((topic, partitions) -> copy.put(topic, Collections.unmodifiableSortedMap(new TreeMap<>(partitions))));
        endOffsets = Collections.unmodifiableMap(copy);
    }

    /** The end offset of one partition. */
    public long endOffset(String topic, int partition) {
        return endOffsets.get(topic).get(partition);
    }
}
