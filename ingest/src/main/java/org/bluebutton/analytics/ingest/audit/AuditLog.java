package org.bluebutton.analytics.ingest.audit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.schemas.audit.StaffAuditRecord;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Reads the audit trail back, newest first, a page at a time. The topic has one partition, so offsets
 * order every staff action; a page is named by the offset it starts before ({@code before}, exclusive),
 * which stays valid while newer actions are added (page numbers would shift under the reader). Reads are
 * {@code read_committed}: an action shows once its change is committed, never before.
 *
 * <p>Staff read the trail rarely, so one consumer without a group serves the reads one at a time.
 */
public final class AuditLog implements AutoCloseable {

    /** Most records per page. */
    public static final int MAX_LIMIT = 200;

    private final TopicPartition partition = new TopicPartition(Topics.STAFF_AUDIT.name(), 0);
    private final Consumer<String, StaffAuditRecord> consumer;
    private final Duration timeout;

    /** One audit record and where it is. */
    public record Entry(long offset, StaffAuditRecord record) {
    }

    /** A page, newest first; {@code nextBefore} names the next (older) page, null when this is the oldest. */
    public record Page(List<Entry> entries, Long nextBefore) {
    }

    /**
     * @param consumer a {@code read_committed} consumer without a group; owned
     * @param timeout how long a page may take before the answer is 503
     */
    public AuditLog(Consumer<String, StaffAuditRecord> consumer, Duration timeout) {
        this.consumer = consumer;
        this.timeout = timeout;
        consumer.assign(List.of(partition));
    }

    /** Up to {@code limit} records older than offset {@code before} (null: the newest), newest first. */
    public synchronized Page page(Long before, int limit) {
        try {
            long begin = consumer.beginningOffsets(List.of(partition), timeout).get(partition);
            // read_committed: the end is the last stable offset, so an open transaction's records are not shown yet.
            long end = consumer.endOffsets(List.of(partition), timeout).get(partition);
            long upTo = before == null ? end : Math.min(before, end);
            List<Entry> newestLast = new ArrayList<>();
            long from = upTo;
            // Offsets are not dense (transaction markers take some), so read back in steps until the page is full.
            while (newestLast.size() < limit && from > begin) {
                long start = Math.max(begin, from - 2L * limit);
                List<Entry> chunk = read(start, from);
                newestLast.addAll(0, chunk);
                from = start;
            }
            List<Entry> page = new ArrayList<>(newestLast.subList(Math.max(0, newestLast.size() - limit), newestLast.size()));
            Collections.reverse(page);
            boolean older = newestLast.size() > limit || from > begin;
            Long next = page.isEmpty() || !older ? null : page.get(page.size() - 1).offset();
            return new Page(page, next);
        } catch (KafkaException e) {
            throw new KafkaUnavailableException("The audit trail could not be read from Kafka: " + e.getMessage(), e);
        }
    }

    /** The records in [{@code start}, {@code end}), oldest first. */
    private List<Entry> read(long start, long end) {
        List<Entry> entries = new ArrayList<>();
        consumer.seek(partition, start);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumer.position(partition, timeout) < end) {
            if (System.nanoTime() - deadline > 0) {
                throw new KafkaUnavailableException("The audit trail could not be read within " + timeout, null);
            }
            for (ConsumerRecord<String, StaffAuditRecord> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end && record.value() != null) {
                    entries.add(new Entry(record.offset(), record.value()));
                }
            }
        }
        return entries;
    }

    /** How a page's records are shown: the stored fields, before and after as the JSON objects they are. */
    public static Map<String, Object> fieldsOf(Entry entry) {
        StaffAuditRecord record = entry.record();
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("auditId", record.getAuditId());
        fields.put("occurredAt", record.getOccurredAt().toString());
        fields.put("actor", record.getActor());
        fields.put("actorRole", record.getActorRole());
        fields.put("action", record.getAction());
        fields.put("subjectType", record.getSubjectType());
        fields.put("subjectId", record.getSubjectId());
        fields.put("before", record.getBefore());
        fields.put("after", record.getAfter());
        return fields;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
