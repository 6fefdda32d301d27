package org.bluebutton.analytics.ingest.pledge;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.UnknownOrganizationException;
import org.bluebutton.analytics.ingest.audit.AuditAction;
import org.bluebutton.analytics.ingest.audit.AuditRecords;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.auth.Credentials;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.publish.TransactionalPublisher;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.event.Withdrawals;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Changes to organizations: create, replace and withdraw a pledge, change a profile, issue (rotate)
 * an API key. Each change is published and acknowledged before it is applied to this instance's
 * views, so a caller can use it at once. A change made by staff is committed in one Kafka transaction
 * with its audit record (who, what, when, before and after): neither is ever visible without the other.
 *
 * <p>Changes are read-modify-write of the current profile, so one instance makes them one at a time
 * (they are rare staff actions): a profile change can then never resurrect a withdrawn pledge. Two
 * instances changing the same organization at the same moment still race (last write wins); send
 * staff changes to one instance where that matters.
 */
public final class OrganizationAdministration {

    private final Organizations organizations;
    private final Credentials credentials;
    private final TransactionalPublisher publisher;
    private final Clock clock;

    public OrganizationAdministration(Organizations organizations, Credentials credentials, TransactionalPublisher publisher,
            Clock clock) {
        this.organizations = organizations;
        this.credentials = credentials;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Creates an organization with its pledge. */
    public synchronized Pledge create(Caller actor, PledgeForm form) {
        if (organizations.find(form.orgId()).isPresent()) {
            throw new OrganizationConflictException("Organization " + form.orgId() + " already exists; update it instead");
        }
        Instant now = now();
        // Listed unless the form says otherwise: taking the pledge is public, and the Hub is where people find it.
        return publish(actor, AuditAction.ORGANIZATION_CREATED, null,
                pledgeOf(form, form.pledgedAt() == null ? now : form.pledgedAt(), PledgeStatus.ACTIVE, now)
                        .setListedOnHub(form.listedOnHub() == null || form.listedOnHub()).build());
    }

    /**
     * Creates the organization a pledge request asked for; its first profile record carries the
     * request's id as its event id. So an approval cut short after this step (ingest stopped before the
     * request was marked approved) resumes when staff approve again: the organization this request
     * created is returned as it is, while any other organization of that id is a conflict.
     */
    public synchronized Pledge createForRequest(Caller actor, PledgeForm form, String requestId) {
        Optional<Pledge> existing = organizations.find(form.orgId());
        if (existing.isPresent()) {
            if (existing.get().getEventId().equals(requestId)) {
                return existing.get();
            }
            throw new OrganizationConflictException("Organization " + form.orgId() + " already exists; choose another organization id");
        }
        Instant now = now();
        return publish(actor, AuditAction.ORGANIZATION_CREATED, null, pledgeOf(form, now, PledgeStatus.ACTIVE, now).setEventId(requestId)
                .setListedOnHub(form.listedOnHub() == null || form.listedOnHub()).build());
    }

    /** Replaces an existing organization's profile; its status and withdrawal time stay. */
    public synchronized Pledge replace(Caller actor, String orgId, PledgeForm form) {
        Pledge current = existing(orgId);
        Instant pledgedAt = form.pledgedAt() == null ? current.getPledgedAt() : form.pledgedAt();
        return publish(actor, AuditAction.ORGANIZATION_CORRECTED, current, pledgeOf(form, pledgedAt, current.getStatus(), now()).setWithdrawnAt(Withdrawals.withdrawnAt(current))
                .setListedOnHub(form.listedOnHub() == null ? current.getListedOnHub() : form.listedOnHub()).build());
    }

    /** Withdraws an organization's pledge and revokes its API key, together. */
    public synchronized Pledge withdraw(Caller actor, String orgId) {
        Pledge current = existing(orgId);
        if (current.getStatus() == PledgeStatus.WITHDRAWN) {
            throw new OrganizationConflictException("Organization " + orgId + " has already withdrawn");
        }
        Instant now = now();
        Pledge withdrawn = Pledge.newBuilder(current).setEventId(UUID.randomUUID().toString())
                .setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(now).setWithdrawnAt(now).build();
        List<EventPublisher.Outgoing> records = new ArrayList<>();
        records.add(new EventPublisher.Outgoing(Topics.PLEDGES.name(), orgId, withdrawn));
        ApiCredential revoked = credentials.byOrganization(orgId)
                .filter(credential -> credential.getRevokedAt() == null)
                .map(credential -> ApiCredential.newBuilder(credential).setRevokedAt(now).build())
                .orElse(null);
        if (revoked != null) {
            records.add(new EventPublisher.Outgoing(Topics.API_CREDENTIALS.name(), orgId, revoked));
        }
        if (actor instanceof Caller.Staff staff) {
            records.add(AuditRecords.of(staff, AuditAction.ORGANIZATION_WITHDRAWN, AuditAction.ORGANIZATION, orgId,
                    AuditRecords.of(current), AuditRecords.of(withdrawn), now));
        }
        List<RecordMetadata> acks = publisher.publishAll(records);
        organizations.written(withdrawn, acks.get(0).partition(), acks.get(0).offset());
        if (revoked != null) {
            credentials.written(revoked, acks.get(1).partition(), acks.get(1).offset());
        }
        return withdrawn;
    }

    /** Applies an organization's own change to its website, commitments and Hub listing. */
    public synchronized Pledge changeProfile(Caller actor, String orgId, ProfileChange change) {
        Pledge current = existing(orgId);
        Pledge.Builder next = Pledge.newBuilder(current).setEventId(UUID.randomUUID().toString()).setUpdatedAt(now());
        if (change.changesWebsite()) {
            next.setWebsite(change.website());
        }
        if (change.changesCommitments()) {
            next.setCommitments(change.commitments());
        }
        if (change.listedOnHub() != null) {
            next.setListedOnHub(change.listedOnHub());
        }
        return publish(actor, AuditAction.PROFILE_CHANGED, current, next.build());
    }

    /**
     * Issues a new API key for an active organization; the previous one stops working. The key is
     * returned once and only its hash is kept.
     */
    public synchronized ApiKey issueKey(Caller actor, String orgId) {
        Pledge current = existing(orgId);
        if (current.getStatus() != PledgeStatus.ACTIVE) {
            throw new OrganizationConflictException("Organization " + orgId + " has withdrawn; it gets no API key");
        }
        ApiKey key = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
        Instant now = now();
        ApiCredential credential = new ApiCredential(orgId, key.keyId(), key.secretSha256(), now, null);
        List<EventPublisher.Outgoing> records = new ArrayList<>();
        records.add(new EventPublisher.Outgoing(Topics.API_CREDENTIALS.name(), orgId, credential));
        if (actor instanceof Caller.Staff staff) {
            records.add(AuditRecords.of(staff, AuditAction.API_KEY_ISSUED, AuditAction.ORGANIZATION_KEY, orgId,
                    AuditRecords.of(credentials.byOrganization(orgId).orElse(null)), AuditRecords.of(credential), now));
        }
        RecordMetadata ack = publisher.publishAll(records).get(0);
        credentials.written(credential, ack.partition(), ack.offset());
        return key;
    }

    /** The current profile of {@code orgId}, or {@link UnknownOrganizationException}. */
    public Pledge existing(String orgId) {
        return organizations.find(orgId).orElseThrow(() -> new UnknownOrganizationException(orgId));
    }

    /** Milliseconds, as the topics store them: what ingest answers and keeps equals what it published. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** Publishes {@code pledge}, with the audit record of {@code action} when staff made it. */
    private Pledge publish(Caller actor, String action, Pledge before, Pledge pledge) {
        List<EventPublisher.Outgoing> records = new ArrayList<>();
        records.add(new EventPublisher.Outgoing(Topics.PLEDGES.name(), pledge.getOrgId(), pledge));
        if (actor instanceof Caller.Staff staff) {
            records.add(AuditRecords.of(staff, action, AuditAction.ORGANIZATION, pledge.getOrgId(), AuditRecords.of(before),
                    AuditRecords.of(pledge), pledge.getUpdatedAt()));
        }
        RecordMetadata ack = publisher.publishAll(records).get(0);
        organizations.written(pledge, ack.partition(), ack.offset());
        return pledge;
    }

    private static Pledge.Builder pledgeOf(PledgeForm form, Instant pledgedAt, PledgeStatus status, Instant now) {
        return Pledge.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(form.orgId())
                .setName(form.name())
                .setOrganizationType(form.organizationType())
                .setCategory(form.category())
                .setState(form.state())
                .setCity(form.city())
                .setPostalCode(form.postalCode())
                .setWebsite(form.website())
                .setCommitments(form.commitments())
                .setStatus(status)
                .setPledgedAt(pledgedAt)
                .setUpdatedAt(now);
    }
}
