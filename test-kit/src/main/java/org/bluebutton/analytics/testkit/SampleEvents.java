package org.bluebutton.analytics.testkit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.event.RecordFormat;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.security.ApiCredential;

/**
 * Builders of valid events and aggregates with realistic defaults, shared by every module's tests
 * (published as this module's test-jar). Each returns a builder so a test changes only what it is
 * about.
 */
public final class SampleEvents {

    /** A fixed instant in the program's life, so samples are reproducible. */
    public static final Instant NOW = Instant.parse("2025-03-14T15:09:26Z");

    private SampleEvents() {
    }

    public static Pledge.Builder hospitalPledge(String orgId) {
        return Pledge.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(orgId)
                .setName("Mercy General Hospital")
                .setOrganizationType(OrganizationType.DATA_HOLDER)
                .setCategory(OrganizationCategory.HOSPITAL)
                .setState("MA")
                .setCity("Boston")
                .setPostalCode("02114")
                .setWebsite("https://mercy.example.org/portal")
                .setCommitments(List.of(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT,
                        Commitment.STAFF_ENCOURAGE_USE))
                .setStatus(PledgeStatus.ACTIVE)
                .setPledgedAt(NOW.minusSeconds(86_400L * 400))
                .setUpdatedAt(NOW);
    }

    public static Pledge.Builder employerPledge(String orgId) {
        return hospitalPledge(orgId)
                .setName("Acme Manufacturing")
                .setOrganizationType(OrganizationType.NON_DATA_HOLDER)
                .setCategory(OrganizationCategory.EMPLOYER)
                .setState("OH")
                .setCity(null)
                .setPostalCode(null)
                .setWebsite(null)
                .setCommitments(List.of(Commitment.EMPLOYEE_DIALOGUE, Commitment.CEO_MESSAGE));
    }

    public static DownloadActivity.Builder download(String orgId) {
        return DownloadActivity.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(orgId)
                .setOccurredAt(NOW.minusSeconds(3_600))
                .setIntervalEnd(null)
                .setChannel(ActivityChannel.DOWNLOAD)
                .setFormat(RecordFormat.C_CDA)
                .setCount(1)
                .setReceivedAt(NOW);
    }

    public static AccessSnapshot.Builder accessSnapshot(String orgId) {
        return AccessSnapshot.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(orgId)
                .setAsOf(LocalDate.of(2025, 2, 28))
                .setPatientsWithAccess(125_000)
                .setPatientsOffered(180_000L)
                .setPatientsRegistered(null)
                .setReceivedAt(NOW);
    }

    public static EngagementActivity.Builder engagement(String orgId) {
        return EngagementActivity.newBuilder()
                .setEventId(UUID.randomUUID().toString())
                .setOrgId(orgId)
                .setOccurredOn(LocalDate.of(2025, 3, 1))
                .setEngagementType(EngagementType.CEO_MESSAGE)
                .setPeopleReached(4_200L)
                .setTitle("CEO asks every employee to download their records")
                .setStory("Our CEO sent a message to all 4,200 employees explaining the Blue Button.")
                .setLink("https://acme.example.com/blue-button")
                .setReceivedAt(NOW);
    }

    /** Activity counts per channel, and how many distinct events contributed them. */
    public static ActivityCounts activity(long views, long downloads, long transmits, long api, long events) {
        return new ActivityCounts(views, downloads, transmits, api, events);
    }

    public static AccessFigures access(long patientsWithAccess) {
        return new AccessFigures(LocalDate.of(2025, 2, 28), patientsWithAccess, null, null);
    }

    public static OrgMonthKey orgMonthKey(String orgId) {
        return new OrgMonthKey(orgId, 2025, 2);
    }

    public static OrgMonthlyMetrics orgMonthly(String orgId) {
        return new OrgMonthlyMetrics(orgId, 2025, 2, activity(10, 20, 3, 4, 12), access(125_000));
    }

    public static OrgYearKey orgYearKey(String orgId) {
        return new OrgYearKey(orgId, 2025);
    }

    public static OrgYearlyMetrics orgYearly(String orgId) {
        return new OrgYearlyMetrics(orgId, 2025, activity(100, 200, 30, 40, 95), access(125_000), 3, 2);
    }

    public static RollupKey rollupKey() {
        return new RollupKey(RollupDimension.STATE, "MA", PeriodGranularity.MONTH, 2025, 2);
    }

    public static RollupMetrics rollup() {
        return new RollupMetrics(RollupDimension.STATE, "MA", PeriodGranularity.MONTH, 2025, 2,
                activity(1_000, 2_000, 300, 400, 1_210), 250_000L, 2, 2);
    }

    public static PledgeCountKey pledgeCountKey() {
        return new PledgeCountKey(PeriodGranularity.YEAR, 2025, null, OrganizationType.DATA_HOLDER);
    }

    public static PledgeCounts pledgeCounts() {
        return new PledgeCounts(PeriodGranularity.YEAR, 2025, null, OrganizationType.DATA_HOLDER, 12, 1, 430);
    }

    public static EngagementKey engagementKey(String orgId) {
        return new EngagementKey(orgId, 2025, EngagementType.CEO_MESSAGE);
    }

    public static EngagementMetrics engagementMetrics(String orgId) {
        return new EngagementMetrics(orgId, 2025, EngagementType.CEO_MESSAGE, 2L, 8_400L);
    }

    public static DataQualityKey dataQualityKey() {
        return new DataQualityKey("bluebutton.download-activity", 2025, 2);
    }

    public static DataQualityMetrics dataQuality() {
        return new DataQualityMetrics("bluebutton.download-activity", 2025, 2, 3L, 17L, 5L, 1L);
    }

    public static ApiCredential apiCredential(String orgId) {
        return new ApiCredential(orgId, "k3y1d", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", NOW, null);
    }

    public static DeadLetter deadLetter() {
        return new DeadLetter("bluebutton.download-activity", 2, 4711L, null,
                java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}),
                "Record on topic 'bluebutton.download-activity' is not in the schema-registry wire format",
                "org.bluebutton.analytics.schemas.serde.InvalidWireFormatException", NOW, "bluebutton-streams");
    }
}
