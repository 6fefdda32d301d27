package org.bluebutton.analytics.streams.query.hub;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KeyValue;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.streams.query.store.ClusterStores;
import org.bluebutton.analytics.streams.query.store.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's snapshot of the stores. Public requests never read a store: they read the snapshot,
 * and a request that finds it older than the configured interval starts one refresh on this
 * directory's own thread (at most one at a time, so at most one gathering of the stores per
 * interval however many requests arrive) and is answered from the snapshot it found. Only until the
 * first snapshot exists do requests wait for it (bounded by the caller).
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class HubDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(HubDirectory.class);
    /** After a failed refresh (stores moving, application starting), the next attempt waits this long at least. */
    private static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(1);

    private final ClusterStores cluster;
    private final Stores stores;
    private final Clock clock;
    private final Duration refreshInterval;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "hub-refresh");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<HubSnapshot> current = new AtomicReference<>();
    /** The refresh under way or the last one; a new one starts only when it is done and due. */
    private final AtomicReference<Attempt> attempt = new AtomicReference<>(new Attempt(CompletableFuture.failedFuture(
            new IllegalStateException("not refreshed yet")), Instant.MIN));
    private final Counter refreshed;
    private final Counter failed;

    public HubDirectory(ClusterStores cluster, Stores stores, QuerySettings settings, Clock clock, MeterRegistry meters) {
        this.cluster = cluster;
        this.stores = stores;
        this.clock = clock;
        this.refreshInterval = settings.hubRefresh();
        this.refreshed = Counter.builder("bluebutton.hub.refreshes").tag("outcome", "success")
                .description("Refreshes of the public Hub's snapshot of the stores").register(meters);
        this.failed = Counter.builder("bluebutton.hub.refreshes").tag("outcome", "failure")
                .description("Refreshes of the public Hub's snapshot of the stores").register(meters);
        Gauge.builder("bluebutton.hub.snapshot.age.seconds", this, HubDirectory::ageSeconds)
                .description("Seconds since the Hub's snapshot last read the stores (-1 before the first)").register(meters);
    }

    /**
     * The current snapshot, once there is one (a refresh is started when it is due); before the first
     * snapshot, the refresh that makes it, which may fail (the stores are unavailable).
     */
    public CompletableFuture<HubSnapshot> snapshot() {
        HubSnapshot snapshot = current.get();
        Instant now = clock.instant();
        if (snapshot == null || !snapshot.refreshedAt().plus(refreshInterval).isAfter(now)) {
            Attempt started = refreshIfDue(now);
            if (snapshot == null) {
                return started.result();
            }
        }
        return CompletableFuture.completedFuture(snapshot);
    }

    private Attempt refreshIfDue(Instant now) {
        Attempt last = attempt.get();
        boolean due = last.result().isDone() && (!last.result().isCompletedExceptionally() || !last.startedAt().plus(RETRY_AFTER_FAILURE).isAfter(now));
        if (!due) {
            return last;
        }
        Attempt next = new Attempt(new CompletableFuture<>(), now);
        if (!attempt.compareAndSet(last, next)) {
            return attempt.get();
        }
        refresher.execute(() -> {
            try {
                HubSnapshot built = build();
                HubSnapshot previous = current.get();
                current.set(previous == null ? built : previous.followedBy(built));
                refreshed.increment();
                next.result().complete(current.get());
            } catch (RuntimeException e) {
                failed.increment();
                LOG.info("The Hub's snapshot was not refreshed ({}); it is tried again on a later request", e.getMessage());
                next.result().completeExceptionally(e);
            }
        });
        return next;
    }

    /**
     * Reads every listed organization and its latest completed year's figures from all instances. The
     * figures are suppressed by the year's public tables ({@link PublicYear}), which need every
     * organization of that year (listed or not, withdrawn since or not) and its months.
     */
    private HubSnapshot build() {
        Instant now = clock.instant();
        int latestCompletedYear = Year.now(clock).getValue() - 1;
        Map<String, Pledge> profiles = new HashMap<>();
        List<Pledge> listed = new ArrayList<>();
        for (KeyValue<String, Pledge> entry : cluster.all(stores.organizations)) {
            Pledge pledge = entry.value;
            if (pledge == null) {
                continue;
            }
            profiles.put(pledge.getOrgId().toString(), pledge);
            if (pledge.getStatus() == PledgeStatus.ACTIVE && pledge.getListedOnHub()) {
                listed.add(pledge);
            }
        }
        Map<String, OrgYearlyMetrics> latest = new HashMap<>();
        Map<Integer, List<OrgYearlyMetrics>> byYear = new HashMap<>();
        for (KeyValue<OrgYearKey, OrgYearlyMetrics> entry : cluster.all(stores.orgYears)) {
            OrgYearlyMetrics year = entry.value;
            if (year != null && year.getYear() <= latestCompletedYear) {
                latest.merge(entry.key.getOrgId(), year, (a, b) -> a.getYear() >= b.getYear() ? a : b);
                byYear.computeIfAbsent(year.getYear(), k -> new ArrayList<>()).add(year);
            }
        }
        Set<Integer> shownYears = new HashSet<>();
        for (Pledge pledge : listed) {
            OrgYearlyMetrics year = latest.get(pledge.getOrgId());
            if (year != null && pledge.getOrganizationType() == OrganizationType.DATA_HOLDER) {
                shownYears.add(year.getYear());
            }
        }
        Map<Integer, List<OrgMonthlyMetrics>> monthsByYear = new HashMap<>();
        if (!shownYears.isEmpty()) {
            for (KeyValue<OrgMonthKey, OrgMonthlyMetrics> entry : cluster.all(stores.orgMonths)) {
                if (entry.value != null && shownYears.contains(entry.value.getYear())) {
                    monthsByYear.computeIfAbsent(entry.value.getYear(), k -> new ArrayList<>()).add(entry.value);
                }
            }
        }
        Map<Integer, PublicYear> tables = new HashMap<>();
        for (int year : shownYears) {
            tables.put(year, PublicYear.of(year, profiles, byYear.get(year), monthsByYear.getOrDefault(year, List.of())));
        }
        List<HubListing> listings = listed.stream().map(pledge -> {
            OrgYearlyMetrics year = latest.get(pledge.getOrgId());
            PublicYear publicYear = year == null ? null : tables.get(year.getYear());
            return HubListing.of(pledge, publicYear == null ? null : publicYear.figures(year));
        }).toList();
        return HubSnapshot.of(listings, latestCompletedYear, now);
    }

    private double ageSeconds() {
        HubSnapshot snapshot = current.get();
        return snapshot == null ? -1 : Duration.between(snapshot.refreshedAt(), clock.instant()).toMillis() / 1000.0;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        refresher.shutdownNow();
        refresher.awaitTermination(5, TimeUnit.SECONDS);
    }

    private record Attempt(CompletableFuture<HubSnapshot> result, Instant startedAt) {
    }
}
