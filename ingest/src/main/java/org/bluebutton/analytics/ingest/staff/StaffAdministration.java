package org.bluebutton.analytics.ingest.staff;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.audit.AuditAction;
import org.bluebutton.analytics.ingest.audit.AuditRecords;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.auth.StaffAccounts;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.publish.TransactionalPublisher;
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Issues, rotates and revokes named staff accounts. Each change is committed in one Kafka transaction with
 * its audit record and applied to this instance's view once committed; every other instance (ingest and the
 * query API) follows the topic, so no service is redeployed. A new key is returned once; only its hash is kept.
 *
 * <p>Names are never reused, not even after a revocation: the audit trail names its actors, and one name
 * must stay one person.
 */
public final class StaffAdministration {

    private final StaffAccounts accounts;
    private final TransactionalPublisher publisher;
    private final Clock clock;

    public StaffAdministration(StaffAccounts accounts, TransactionalPublisher publisher, Clock clock) {
        this.accounts = accounts;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** A staff account and, once, its key. */
    public record Issued(StaffAccount account, ApiKey key) {
        /** Never the key. */
        @Override
        public String toString() {
            return "Issued[" + account.getName() + ", key " + key.keyId() + "]";
        }
    }

    /** Creates the account {@code form} asks for, with a new key. */
    public synchronized Issued issue(Caller.Staff actor, StaffAccountForm form) {
        if (accounts.byName(form.name()).isPresent() || accounts.isUnreadable(form.name())) {
            throw new StaffAccountConflictException("A staff account named " + form.name() + " exists or existed; names are not reused");
        }
        ApiKey key = ApiKey.generate(ApiKey.STAFF_PREFIX);
        Instant now = now();
        StaffAccount account = new StaffAccount(form.name(), form.role(), key.keyId(), key.secretSha256(), now, null, actor.name());
        publish(actor, AuditAction.STAFF_ACCOUNT_ISSUED, null, account);
        return new Issued(account, key);
    }

    /** Gives the account {@code name} a new key; the previous one stops working. */
    public synchronized Issued rotate(Caller.Staff actor, String name) {
        StaffAccount current = active(name);
        ApiKey key = ApiKey.generate(ApiKey.STAFF_PREFIX);
        StaffAccount rotated = StaffAccount.newBuilder(current).setKeyId(key.keyId()).setSecretSha256(key.secretSha256())
                .setIssuedAt(now()).setChangedBy(actor.name()).build();
        publish(actor, AuditAction.STAFF_KEY_ROTATED, current, rotated);
        return new Issued(rotated, key);
    }

    /** Closes the account {@code name}: its key stops working on every instance. */
    public synchronized StaffAccount revoke(Caller.Staff actor, String name) {
        StaffAccount current = active(name);
        StaffAccount revoked = StaffAccount.newBuilder(current).setRevokedAt(now()).setChangedBy(actor.name()).build();
        publish(actor, AuditAction.STAFF_ACCOUNT_REVOKED, current, revoked);
        return revoked;
    }

    /** Every account, by name. */
    public List<StaffAccount> all() {
        return accounts.all();
    }

    private StaffAccount active(String name) {
        StaffAccount current = accounts.byName(name).orElseThrow(() -> new UnknownStaffAccountException(name));
        if (current.getRevokedAt() != null) {
            throw new StaffAccountConflictException("Staff account " + name + " was revoked; issue a new account instead");
        }
        return current;
    }

    private void publish(Caller.Staff actor, String action, StaffAccount before, StaffAccount after) {
        Instant at = after.getRevokedAt() != null ? after.getRevokedAt() : after.getIssuedAt();
        List<RecordMetadata> acks = publisher.publishAll(List.of(
                new EventPublisher.Outgoing(Topics.STAFF_ACCOUNTS.name(), after.getName(), after),
                AuditRecords.of(actor, action, AuditAction.STAFF_ACCOUNT, after.getName(), AuditRecords.of(before),
                        AuditRecords.of(after), at)));
        accounts.written(after, acks.get(0).partition(), acks.get(0).offset());
    }

    /** Milliseconds, as the topic stores them. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
