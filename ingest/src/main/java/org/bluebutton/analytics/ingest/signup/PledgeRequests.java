package org.bluebutton.analytics.ingest.signup;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bluebutton.analytics.ingest.audit.AuditAction;
import org.bluebutton.analytics.ingest.audit.AuditRecords;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.publish.TransactionalPublisher;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.event.PledgeRequestStatus;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Pledge requests: taken from the public form as pending, read back for staff from the compacted
 * pledge-requests topic (every instance reads it all), and rewritten with staff's decision.
 */
public final class PledgeRequests {

    private final CompactedTopicView<PledgeRequest> view;
    private final EventPublisher publisher;
    private final TransactionalPublisher staffChanges;
    private final Clock clock;

    /**
     * @param publisher where the public's requests are written
     * @param staffChanges where staff's decisions are written, each in one transaction with its audit record
     */
    public PledgeRequests(CompactedTopicView<PledgeRequest> view, EventPublisher publisher, TransactionalPublisher staffChanges, Clock clock) {
        this.view = view;
        this.publisher = publisher;
        this.staffChanges = staffChanges;
        this.clock = clock;
    }

    /** Stores a new pending request once Kafka acknowledged it; its id is chosen here. */
    public PledgeRequest submit(PledgeRequestForm form) {
        PledgeRequest request = PledgeRequest.newBuilder()
                .setRequestId(UUID.randomUUID().toString())
                .setName(form.name())
                .setOrganizationType(form.organizationType())
                .setCategory(form.category())
                .setState(form.state())
                .setCity(form.city())
                .setPostalCode(form.postalCode())
                .setWebsite(form.website())
                .setCommitments(form.commitments())
                .setContactEmail(form.contactEmail())
                .setStatus(PledgeRequestStatus.PENDING)
                .setSubmittedAt(now())
                .build();
        return write(request);
    }

    /** The request {@code requestId} as it stands now. */
    public Optional<PledgeRequest> find(String requestId) {
        return view.get(requestId);
    }

    /** The requests with {@code status} (every request when null), oldest first: staff work through them in order. */
    public List<PledgeRequest> withStatus(PledgeRequestStatus status) {
        return view.values().stream().filter(request -> status == null || request.getStatus() == status)
                .sorted(Comparator.comparing(PledgeRequest::getSubmittedAt).thenComparing(PledgeRequest::getRequestId))
                .toList();
    }

    /** Publishes a new request and applies it here once acknowledged (read-your-writes). */
    PledgeRequest write(PledgeRequest request) {
        RecordMetadata ack = publisher.publishAll(List.of(
                new EventPublisher.Outgoing(Topics.PLEDGE_REQUESTS.name(), request.getRequestId(), request))).get(0);
        view.put(request.getRequestId(), request, ack.partition(), ack.offset());
        return request;
    }

    /**
     * Publishes staff's decision with its audit record (the request's state before and after, never its
     * contact e-mail) in one transaction, and applies it here once committed.
     */
    PledgeRequest decided(Caller.Staff actor, String action, PledgeRequest before, PledgeRequest after) {
        RecordMetadata ack = staffChanges.publishAll(List.of(
                new EventPublisher.Outgoing(Topics.PLEDGE_REQUESTS.name(), after.getRequestId(), after),
                AuditRecords.of(actor, action, AuditAction.PLEDGE_REQUEST, after.getRequestId(), AuditRecords.of(before),
                        AuditRecords.of(after), after.getDecidedAt()))).get(0);
        view.put(after.getRequestId(), after, ack.partition(), ack.offset());
        return after;
    }

    /** Milliseconds, as the topic stores them. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
