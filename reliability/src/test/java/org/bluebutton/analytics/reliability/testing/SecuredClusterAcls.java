package org.bluebutton.analytics.reliability.testing;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.bluebutton.analytics.schemas.topic.TopicSpec;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * The ACLs of the README's "Secured Kafka" table, as the secured-stack test grants them: each
 * service's principal gets what it uses and nothing else (the broker refuses the rest, as no ACL
 * allows it). Topics are created by the administrator, so no service needs {@code CREATE} on the
 * catalogue.
 */
public final class SecuredClusterAcls {

    /** The operator's principal: a super user that creates topics and grants these ACLs. */
    public static final String ADMIN = "admin";
    /** Ingest's principal. */
    public static final String INGEST = "ingest";
    /** The streams application's principal (every instance). */
    public static final String STREAMS = "streams";
    /** The reporting CLI's principal. */
    public static final String REPORTING = "reporting";

    /** What data holders and staff write through ingest. */
    public static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.PLEDGES, Topics.DOWNLOAD_ACTIVITY, Topics.ACCESS_SNAPSHOTS,
            Topics.ENGAGEMENT_ACTIVITY, Topics.API_CREDENTIALS);
    /** What streams writes. */
    public static final List<TopicSpec<?, ?>> OUTPUTS = List.of(Topics.ORG_MONTHLY_METRICS, Topics.ORG_YEARLY_METRICS, Topics.ROLLUP_METRICS,
            Topics.PLEDGE_COUNTS, Topics.ENGAGEMENT_METRICS, Topics.DATA_QUALITY_METRICS, Topics.LATE_EVENTS, Topics.DEAD_LETTERS);

    /** Staff accounts, the audit trail and the pledge requests (contact e-mails): ingest's alone. */
    public static final List<TopicSpec<?, ?>> STAFF = List.of(Topics.STAFF_ACCOUNTS, Topics.STAFF_AUDIT, Topics.PLEDGE_REQUESTS);
    /** The prefix of ingest's transactional ids for staff changes (one per process). */
    public static final String STAFF_CHANGES_TRANSACTIONS = "ingest-staff-changes-";

    private SecuredClusterAcls() {
    }

    /** Every ACL of the three services, for a streams application with {@code applicationId}. */
    public static List<AclBinding> bindings(String applicationId) {
        List<AclBinding> acls = new ArrayList<>();
        // ingest: writes every input topic; reads back the organization and credential views.
        for (TopicSpec<?, ?> topic : INPUTS) {
            acls.add(topic(INGEST, topic.name(), AclOperation.WRITE));
            acls.add(topic(INGEST, topic.name(), AclOperation.DESCRIBE));
        }
        acls.add(topic(INGEST, Topics.PLEDGES.name(), AclOperation.READ));
        acls.add(topic(INGEST, Topics.API_CREDENTIALS.name(), AclOperation.READ));
        // ingest: staff accounts (followed like the credentials) and their audit trail, written together in one
        // transaction per staff change; pledge requests; staff's marks on stories for the report.
        for (TopicSpec<?, ?> topic : STAFF) {
            acls.add(topic(INGEST, topic.name(), AclOperation.WRITE));
            acls.add(topic(INGEST, topic.name(), AclOperation.DESCRIBE));
            acls.add(topic(INGEST, topic.name(), AclOperation.READ));
        }
        acls.add(topic(INGEST, Topics.FEATURED_STORIES.name(), AclOperation.WRITE));
        acls.add(topic(INGEST, Topics.FEATURED_STORIES.name(), AclOperation.DESCRIBE));
        acls.add(prefixed(INGEST, ResourceType.TRANSACTIONAL_ID, STAFF_CHANGES_TRANSACTIONS, AclOperation.WRITE));
        acls.add(prefixed(INGEST, ResourceType.TRANSACTIONAL_ID, STAFF_CHANGES_TRANSACTIONS, AclOperation.DESCRIBE));
        // streams: reads the inputs (the credentials for the query API's organization keys), writes the
        // outputs, and owns its application id's group, transactional ids and internal topics.
        for (TopicSpec<?, ?> topic : INPUTS) {
            acls.add(topic(STREAMS, topic.name(), AclOperation.READ));
        }
        acls.add(topic(STREAMS, Topics.STAFF_ACCOUNTS.name(), AclOperation.READ)); // the query API's named staff keys
        for (TopicSpec<?, ?> topic : OUTPUTS) {
            acls.add(topic(STREAMS, topic.name(), AclOperation.WRITE));
            acls.add(topic(STREAMS, topic.name(), AclOperation.DESCRIBE));
        }
        acls.add(prefixed(STREAMS, ResourceType.TOPIC, applicationId + "-", AclOperation.ALL));
        acls.add(prefixed(STREAMS, ResourceType.GROUP, applicationId, AclOperation.READ));
        acls.add(prefixed(STREAMS, ResourceType.TRANSACTIONAL_ID, applicationId + "-", AclOperation.WRITE));
        acls.add(prefixed(STREAMS, ResourceType.TRANSACTIONAL_ID, applicationId + "-", AclOperation.DESCRIBE));
        // reporting: reads the outputs; sees the inputs' ends and the streams group's commits (the lag check).
        for (TopicSpec<?, ?> topic : OUTPUTS) {
            acls.add(topic(REPORTING, topic.name(), AclOperation.READ));
        }
        for (TopicSpec<?, ?> topic : INPUTS) {
            acls.add(topic(REPORTING, topic.name(), AclOperation.DESCRIBE));
        }
        // reporting also reads the profiles, the stories and staff's marks on them.
        for (TopicSpec<?, ?> topic : List.of(Topics.PLEDGES, Topics.ENGAGEMENT_ACTIVITY, Topics.FEATURED_STORIES)) {
            acls.add(topic(REPORTING, topic.name(), AclOperation.READ));
        }
        acls.add(new AclBinding(new ResourcePattern(ResourceType.GROUP, applicationId, PatternType.LITERAL), allow(REPORTING,
                AclOperation.DESCRIBE)));
        return acls;
    }

    private static AclBinding topic(String user, String topic, AclOperation operation) {
        return new AclBinding(new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL), allow(user, operation));
    }

    private static AclBinding prefixed(String user, ResourceType type, String prefix, AclOperation operation) {
        return new AclBinding(new ResourcePattern(type, prefix, PatternType.PREFIXED), allow(user, operation));
    }

    private static AccessControlEntry allow(String user, AclOperation operation) {
        return new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW);
    }
}
