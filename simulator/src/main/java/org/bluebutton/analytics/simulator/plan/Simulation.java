package org.bluebutton.analytics.simulator.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Predicate;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.program.Category;
import org.bluebutton.analytics.simulator.program.Channel;
import org.bluebutton.analytics.simulator.program.Commitment;
import org.bluebutton.analytics.simulator.program.EngagementType;
import org.bluebutton.analytics.simulator.program.OrganizationType;
import org.bluebutton.analytics.simulator.program.RecordFormat;
import org.bluebutton.analytics.simulator.program.UsStates;

/**
 * Plans a simulation of the pledge program from a {@link SimulationConfig}: who pledges when, what
 * each organization sends month by month, and the irregular things real participants do (retried
 * batches, late events, CSV uploads, category corrections, withdrawals, malformed requests).
 *
 * <p>Pure: every choice comes from random generators seeded by the config, so the same config gives an
 * equal plan. Each organization draws from its own generator, so its behaviour does not change when
 * another organization's does. Occasional events (withdrawals, corrections, CSV reporters, late and
 * retried batches, malformed requests) are chosen program-wide in fixed proportions with a minimum
 * of one or two, so that even a small simulation contains each of them.
 */
public final class Simulation {

    /** The largest batch a participant sends (ingest takes up to 10,000). */
    public static final int MAX_BATCH_EVENTS = 1_000;
    static final double DATA_HOLDER_SHARE = 0.55;
    static final double LAUNCH_PLEDGE_SHARE = 0.35;
    static final double WITHDRAWAL_SHARE = 0.03;
    static final double CORRECTION_SHARE = 0.03;
    static final double CSV_REPORTER_SHARE = 0.12;
    static final double LATE_BATCH_SHARE = 0.015;
    static final double RESENT_DOWNLOADS_SHARE = 0.03;
    static final double RESENT_SNAPSHOTS_SHARE = 0.01;
    static final double SNAPSHOT_CORRECTION_SHARE = 0.02;
    static final double CSV_REUPLOAD_SHARE = 0.05;
    static final double MALFORMED_PER_ORGANIZATION_YEAR = 0.02;
    /** Download events per month of a typical data holder at scale 1, before growth. */
    static final double BASE_EVENTS_PER_MONTH = 7.0;
    static final int MIN_MONTHS_BEFORE_WITHDRAWAL = 6;

    private static final String[] PLACES = {"Riverside", "Summit", "Lakeview", "Cedar", "Harbor", "Pine Valley", "Maple",
        "Granite", "Prairie", "Bayside", "Oakwood", "Sunrise", "Northfield", "Westbrook", "Eastgate", "Silver Creek",
        "Blue Ridge", "Meadowbrook", "Highland", "Clearwater", "Stonebridge", "Golden Gate", "Willow", "Fairview",
        "Brookside", "Mountain View", "Lincoln", "Franklin", "Jefferson", "Madison", "Hamilton", "Union"};

    private final SimulationConfig config;
    private final Lateness lateness;
    private final long base;

    private Simulation(SimulationConfig config) {
        this.config = config;
        this.lateness = new Lateness(config.grace());
        // The run tag takes part in the seed so that tagged runs never share event ids.
        this.base = config.seed() * 0x9E3779B97F4A7C15L + config.runTag().hashCode();
    }

    /** The plan of {@code config}: equal configs give equal plans. */
    public static SimulationPlan plan(SimulationConfig config) {
        return new Simulation(config).build();
    }

    private SimulationPlan build() {
        SplittableRandom program = new SplittableRandom(base);
        int months = config.months();
        List<Life> lives = new ArrayList<>();
        for (int i = 0; i < config.organizations(); i++) {
            lives.add(newLife(i, new SplittableRandom(base + (i + 1) * 0xBF58476D1CE4E5B9L)));
        }
        chooseWithdrawals(lives, program, months);
        chooseCorrections(lives, program);
        chooseCsvReporters(lives, program);
        Set<Long> late = pick(orgMonths(lives, life -> life.dataHolder() && !life.csvReporter, 3), LATE_BATCH_SHARE, 2, program);
        Set<Long> resentDownloads = pick(orgMonths(lives, life -> life.dataHolder() && !life.csvReporter, 0),
                RESENT_DOWNLOADS_SHARE, 2, program);
        Set<Long> resentSnapshots = pick(orgMonths(lives, life -> life.dataHolder() && !life.csvReporter, 0),
                RESENT_SNAPSHOTS_SHARE, 1, program);
        Set<Long> snapshotCorrections = pick(orgMonths(lives, life -> life.dataHolder() && !life.csvReporter, 1),
                SNAPSHOT_CORRECTION_SHARE, 1, program);
        Set<Long> reuploads = pick(orgMonths(lives, life -> life.csvReporter, 0), CSV_REUPLOAD_SHARE, 1, program);
        for (Life life : lives) {
            planMonths(life, late, resentDownloads, resentSnapshots, snapshotCorrections, reuploads);
        }
        planMalformed(lives, program);
        return new SimulationPlan(config, lives.stream().map(life -> life.organization).toList(), ticks(lives, months));
    }

    // ---- organizations and their lifecycle ------------------------------------------------------

    private Life newLife(int index, SplittableRandom random) {
        OrganizationType type = random.nextDouble() < DATA_HOLDER_SHARE ? OrganizationType.DATA_HOLDER : OrganizationType.NON_DATA_HOLDER;
        Category category = weightedCategory(Category.of(type), random);
        String state = UsStates.draw(random);
        String name = name(category, random);
        String slug = slug(name);
        String orgId = config.runTag() + (config.runTag().isEmpty() ? "" : "-") + slug + "-" + (index + 1);
        List<Commitment> commitments = commitments(type, random);
        int months = config.months();
        int pledgeTick = random.nextDouble() < LAUNCH_PLEDGE_SHARE ? 0 : random.nextInt(months);
        YearMonth pledgeMonth = config.firstMonth().plusMonths(pledgeTick);
        Instant pledgedAt = pledgeMonth.atDay(1 + random.nextInt(28)).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plusSeconds(random.nextInt(86_400));
        Organization organization = new Organization(orgId, name, type, category, state, null,
                "https://" + slug + ".example.org", commitments, pledgedAt);
        double size = Math.min(10.0, Math.max(0.15, Math.exp(random.nextGaussian() * 0.8)));
        return new Life(index, organization, pledgeTick, months - 1, size, random, months);
    }

    private static Category weightedCategory(List<Category> categories, SplittableRandom random) {
        int total = categories.stream().mapToInt(Category::weight).sum();
        int x = random.nextInt(total);
        for (Category category : categories) {
            x -= category.weight();
            if (x < 0) {
                return category;
            }
        }
        throw new IllegalStateException("weights exhausted");
    }

    private static String name(Category category, SplittableRandom random) {
        String place = PLACES[random.nextInt(PLACES.length)];
        return switch (category) {
            case HOSPITAL -> place + " " + any(random, "General", "Regional", "Memorial", "Community", "University") + " Hospital";
            case PROVIDER -> place + " " + any(random, "Family", "Primary Care", "Pediatric", "Internal Medicine")
                    + " " + any(random, "Practice", "Clinic", "Physicians", "Medical Group");
            case PAYER -> place + " " + any(random, "Health Plan", "Mutual Insurance", "Care Insurance", "Health Partners Plan");
            case LAB -> place + " " + any(random, "Diagnostic", "Clinical", "Pathology") + " Laboratories";
            case PHARMACY -> place + " " + any(random, "Pharmacy", "Drug Store", "Apothecary");
            case EMPLOYER -> place + " " + any(random, "Manufacturing", "Logistics", "Foods", "Energy", "Software")
                    + " " + any(random, "Inc.", "Co.", "Group");
            case CONSUMER_ORGANIZATION -> place + " " + any(random, "Patients", "Diabetes", "Heart", "Cancer", "Family")
                    + " " + any(random, "Alliance", "Network", "Foundation");
            case ASSOCIATION -> place + " " + any(random, "Medical", "Nurses", "Hospital", "Health IT") + " Association";
            case DEVELOPER -> place + " " + any(random, "Health", "Care", "Record") + " " + any(random, "Labs", "Apps", "Technologies");
            case CONSULTANT -> place + " " + any(random, "Health", "Digital Health", "Care") + " "
                    + any(random, "Advisors", "Consulting", "Partners");
        };
    }

    private static String any(SplittableRandom random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }

    private static String slug(String name) {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 40 ? slug.substring(0, 40).replaceAll("-$", "") : slug;
    }

    private static List<Commitment> commitments(OrganizationType type, SplittableRandom random) {
        List<Commitment> fitting = Commitment.of(type);
        List<Commitment> taken = new ArrayList<>();
        if (type == OrganizationType.DATA_HOLDER) {
            taken.add(Commitment.DOWNLOAD_FROM_PORTAL);
            for (Commitment commitment : fitting.subList(1, fitting.size())) {
                if (random.nextBoolean()) {
                    taken.add(commitment);
                }
            }
        } else {
            int wanted = 1 + random.nextInt(3);
            while (taken.size() < wanted) {
                Commitment commitment = fitting.get(random.nextInt(fitting.size()));
                if (!taken.contains(commitment)) {
                    taken.add(commitment);
                }
            }
            taken.sort(Comparator.naturalOrder());
        }
        return taken;
    }

    private void chooseWithdrawals(List<Life> lives, SplittableRandom random, int months) {
        List<Life> eligible = lives.stream().filter(life -> life.pledgeTick + MIN_MONTHS_BEFORE_WITHDRAWAL <= months - 1).toList();
        for (Life life : sample(eligible, count(lives.size(), WITHDRAWAL_SHARE, 1), random)) {
            int first = life.pledgeTick + MIN_MONTHS_BEFORE_WITHDRAWAL;
            life.withdrawalTick = first + random.nextInt(months - first);
            life.lastTick = life.withdrawalTick;
        }
    }

    private void chooseCorrections(List<Life> lives, SplittableRandom random) {
        List<Life> eligible = lives.stream().filter(life -> life.pledgeTick < life.lastTick).toList();
        for (Life life : sample(eligible, count(lives.size(), CORRECTION_SHARE, 1), random)) {
            life.correctionTick = life.pledgeTick + 1 + random.nextInt(life.lastTick - life.pledgeTick);
            List<Category> others = new ArrayList<>(Category.of(life.organization.type()));
            others.remove(life.organization.category());
            life.corrected = others.get(random.nextInt(others.size()));
        }
    }

    private void chooseCsvReporters(List<Life> lives, SplittableRandom random) {
        List<Life> dataHolders = lives.stream().filter(Life::dataHolder).toList();
        for (Life life : sample(dataHolders, count(dataHolders.size(), CSV_REPORTER_SHARE, 1), random)) {
            life.csvReporter = true;
        }
    }

    private static int count(int population, double share, int minimum) {
        return Math.max(minimum, (int) Math.round(population * share));
    }

    private static <T> List<T> sample(List<T> candidates, int wanted, SplittableRandom random) {
        List<T> pool = new ArrayList<>(candidates);
        List<T> chosen = new ArrayList<>();
        while (chosen.size() < wanted && !pool.isEmpty()) {
            chosen.add(pool.remove(random.nextInt(pool.size())));
        }
        return chosen;
    }

    /** Keys (organization index, tick) of the months of matching organizations at least {@code after} months after their pledge. */
    private static List<Long> orgMonths(List<Life> lives, Predicate<Life> which, int after) {
        List<Long> keys = new ArrayList<>();
        for (Life life : lives) {
            if (which.test(life)) {
                for (int tick = life.pledgeTick + after; tick <= life.lastTick; tick++) {
                    keys.add(key(life.index, tick));
                }
            }
        }
        return keys;
    }

    private static Set<Long> pick(List<Long> orgMonths, double share, int minimum, SplittableRandom random) {
        return new HashSet<>(sample(orgMonths, count(orgMonths.size(), share, minimum), random));
    }

    private static long key(int index, int tick) {
        return (long) index << 20 | tick;
    }

    // ---- what an organization sends, month by month ----------------------------------------------

    private void planMonths(Life life, Set<Long> late, Set<Long> resentDownloads, Set<Long> resentSnapshots,
            Set<Long> snapshotCorrections, Set<Long> reuploads) {
        SplittableRandom random = life.random;
        Instant latestSent = null;
        LocalDate[] snapshotDates = new LocalDate[life.steps.length];
        for (int tick = life.pledgeTick; tick <= life.lastTick; tick++) {
            List<Step> steps = life.steps[tick];
            YearMonth month = config.firstMonth().plusMonths(tick);
            long key = key(life.index, tick);
            if (tick == life.pledgeTick) {
                steps.add(new Step.CreateOrganization(life.organization));
            }
            if (tick == life.correctionTick) {
                steps.add(new Step.CorrectCategory(life.organization.withCategory(life.corrected)));
            }
            String orgId = life.organization.orgId();
            if (life.dataHolder() && life.csvReporter) {
                Step.UploadMonthlyStats upload = new Step.UploadMonthlyStats(orgId, List.of(monthlyStats(life, tick, month)));
                steps.add(upload);
                if (reuploads.contains(key)) {
                    steps.add(new Step.Resend(upload));
                }
            } else if (life.dataHolder()) {
                List<DownloadEvent> events = downloads(life, tick, month);
                List<Step.ReportDownloads> batches = new ArrayList<>();
                for (int from = 0; from < events.size(); from += MAX_BATCH_EVENTS) {
                    batches.add(new Step.ReportDownloads(orgId, format(random),
                            events.subList(from, Math.min(events.size(), from + MAX_BATCH_EVENTS)), false));
                }
                steps.addAll(batches);
                for (DownloadEvent event : events) {
                    latestSent = latestSent == null || event.occurredAt().isAfter(latestSent) ? event.occurredAt() : latestSent;
                }
                if (resentDownloads.contains(key) && !batches.isEmpty()) {
                    steps.add(new Step.Resend(batches.get(0)));
                }
                Snapshot snapshot = snapshot(life, tick, month, random);
                snapshotDates[tick] = snapshot.asOf();
                Step.ReportSnapshots snapshots = new Step.ReportSnapshots(orgId, format(random), List.of(snapshot));
                steps.add(snapshots);
                if (resentSnapshots.contains(key)) {
                    steps.add(new Step.Resend(snapshots));
                }
                if (snapshotCorrections.contains(key)) {
                    int corrected = tick - 1 - (tick - 2 >= life.pledgeTick && random.nextBoolean() ? 1 : 0);
                    Snapshot correction = snapshotCorrection(life, corrected, snapshotDates[corrected], random);
                    if (correction != null) {
                        snapshotDates[corrected] = correction.asOf();
                        steps.add(new Step.ReportSnapshots(orgId, BatchFormat.JSON, List.of(correction)));
                    }
                }
                if (late.contains(key) && latestSent != null) {
                    int lateTick = Math.max(life.pledgeTick, tick - 3 - random.nextInt(4));
                    YearMonth lateMonth = config.firstMonth().plusMonths(lateTick);
                    // Late for certain: this organization already sent an event beyond the month's close.
                    if (lateness.closesAt(lateMonth).isBefore(latestSent)) {
                        steps.add(new Step.ReportDownloads(orgId, BatchFormat.JSON, lateEvents(life, lateMonth, random), true));
                    }
                }
            }
            double engagementChance = life.dataHolder() ? 0.02 : 0.3;
            if (random.nextDouble() < engagementChance) {
                Step.ReportEngagement engagement = new Step.ReportEngagement(orgId, format(random), engagements(life, tick, month, random));
                steps.add(engagement);
                if (random.nextDouble() < 0.03) {
                    steps.add(new Step.Resend(engagement));
                }
            }
            if (tick == life.withdrawalTick) {
                steps.add(new Step.Withdraw(orgId));
            }
        }
    }

    private static BatchFormat format(SplittableRandom random) {
        return random.nextDouble() < 0.25 ? BatchFormat.NDJSON : BatchFormat.JSON;
    }

    /** Volume grows with the organization's time in the program and with the program itself. */
    private double growth(Life life, int tick) {
        return Math.pow(1.04, tick - life.pledgeTick) * Math.pow(1.01, tick);
    }

    private List<DownloadEvent> downloads(Life life, int tick, YearMonth month) {
        SplittableRandom random = life.random;
        double growth = growth(life, tick);
        double expected = config.scale() * life.size * BASE_EVENTS_PER_MONTH * growth;
        int n = Math.max(1, (int) Math.round(expected * (0.85 + 0.3 * random.nextDouble())));
        double apiShare = 5 + 10.0 * tick / config.months();
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        long seconds = month.lengthOfMonth() * 86_400L;
        List<DownloadEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Channel channel = channel(random, apiShare);
            RecordFormat format = format(channel, random);
            if (random.nextDouble() < 0.25) {
                Instant day = start.plusSeconds(86_400L * random.nextInt(month.lengthOfMonth()));
                long count = 1 + Math.round(life.size * growth * (5 + 55 * random.nextDouble()));
                events.add(new DownloadEvent(eventId(random), day, day.plusSeconds(86_400), channel, format, count));
            } else {
                events.add(new DownloadEvent(eventId(random), start.plusSeconds(random.nextLong(seconds)), null, channel, format, 1));
            }
        }
        events.sort(Comparator.comparing(DownloadEvent::occurredAt));
        return events;
    }

    private static Channel channel(SplittableRandom random, double apiShare) {
        double x = random.nextDouble() * (85 + apiShare);
        if (x < 45) {
            return Channel.VIEW;
        }
        if (x < 75) {
            return Channel.DOWNLOAD;
        }
        return x < 85 ? Channel.TRANSMIT : Channel.API;
    }

    private static RecordFormat format(Channel channel, SplittableRandom random) {
        return switch (channel) {
            case VIEW -> null;
            case DOWNLOAD -> random.nextDouble() < 0.5 ? RecordFormat.C_CDA : random.nextDouble() < 0.7 ? RecordFormat.PDF : RecordFormat.TEXT;
            case TRANSMIT -> RecordFormat.C_CDA;
            case API -> RecordFormat.FHIR;
        };
    }

    private List<DownloadEvent> lateEvents(Life life, YearMonth month, SplittableRandom random) {
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int n = 1 + random.nextInt(4);
        List<DownloadEvent> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Instant at = start.plusSeconds(random.nextLong(month.lengthOfMonth() * 86_400L));
            long count = random.nextBoolean() ? 1 : 2 + random.nextInt(20);
            events.add(new DownloadEvent(eventId(random), at, count == 1 ? null : at.plusSeconds(3_600),
                    random.nextBoolean() ? Channel.VIEW : Channel.DOWNLOAD, null, count));
        }
        return events;
    }

    private long patients(Life life, int tick, SplittableRandom random) {
        return Math.round(life.size * 6_000 * Math.pow(1.025, tick - life.pledgeTick) * (0.98 + 0.04 * random.nextDouble()));
    }

    private Snapshot snapshot(Life life, int tick, YearMonth month, SplittableRandom random) {
        long patients = patients(life, tick, random);
        // Never the last day of the month: that is where a CSV row's snapshot lands; leaves room for a correction.
        LocalDate asOf = month.atDay(15 + random.nextInt(month.lengthOfMonth() - 16));
        Long offered = random.nextDouble() < 0.7 ? Math.round(patients * (1.2 + 0.4 * random.nextDouble())) : null;
        Long registered = random.nextDouble() < 0.4 ? Math.round(patients * (0.3 + 0.4 * random.nextDouble())) : null;
        return new Snapshot(eventId(random), asOf, patients, offered, registered);
    }

    /** A later snapshot in the same month, superseding the earlier one; null when no later date is free. */
    private Snapshot snapshotCorrection(Life life, int tick, LocalDate previous, SplittableRandom random) {
        int lastFree = previous.lengthOfMonth() - 1;
        if (previous.getDayOfMonth() >= lastFree) {
            return null;
        }
        LocalDate asOf = previous.withDayOfMonth(previous.getDayOfMonth() + 1 + random.nextInt(lastFree - previous.getDayOfMonth()));
        return new Snapshot(eventId(random), asOf, patients(life, tick, random), null, null);
    }

    private MonthlyStatsRow monthlyStats(Life life, int tick, YearMonth month) {
        SplittableRandom random = life.random;
        double volume = config.scale() * life.size * 300 * growth(life, tick);
        Long patients = random.nextDouble() < 0.93 ? patients(life, tick, random) : null;
        Long views = patients != null && random.nextDouble() < 0.05 ? null : Math.round(volume * (0.8 + 0.4 * random.nextDouble()));
        Long downloads = Math.round(volume * 0.4 * (0.8 + 0.4 * random.nextDouble()));
        double x = random.nextDouble();
        Long transmits = x < 0.1 ? null : x < 0.25 ? 0L : Math.round(volume * 0.05 * (0.5 + random.nextDouble()));
        return new MonthlyStatsRow(month, patients, views, downloads, transmits);
    }

    private List<Engagement> engagements(Life life, int tick, YearMonth month, SplittableRandom random) {
        int n = 1 + (random.nextDouble() < 0.3 ? 1 : 0);
        List<Engagement> activities = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            EngagementType type = engagementType(life.organization, random);
            Long people = random.nextDouble() < 0.85 ? Math.round(Math.exp(random.nextGaussian()) * 300 * life.size) : null;
            String title = title(type, life.organization.name());
            String story = random.nextDouble() < 0.7 ? story(type, life.organization.name(), people, month) : null;
            String link = random.nextDouble() < 0.5
                    ? life.organization.website() + "/blue-button/stories/" + month + "-" + (i + 1) : null;
            activities.add(new Engagement(eventId(random), month.atDay(1 + random.nextInt(month.lengthOfMonth())), type,
                    people, title, story, link));
        }
        return activities;
    }

    private static EngagementType engagementType(Organization organization, SplittableRandom random) {
        if (organization.type() == OrganizationType.DATA_HOLDER) {
            return random.nextBoolean() ? EngagementType.EVENT : EngagementType.SOCIAL_MEDIA_CAMPAIGN;
        }
        Commitment commitment = organization.commitments().get(random.nextInt(organization.commitments().size()));
        return switch (commitment) {
            case EMPLOYEE_DIALOGUE -> EngagementType.EMPLOYEE_DIALOGUE;
            case CEO_MESSAGE -> EngagementType.CEO_MESSAGE;
            case SOCIAL_MEDIA -> EngagementType.SOCIAL_MEDIA_CAMPAIGN;
            case INNOVATION -> EngagementType.INNOVATION;
            case PUBLIC_DISCUSSION -> random.nextBoolean() ? EngagementType.PUBLIC_DISCUSSION : EngagementType.EVENT;
            case ASK_HEALTH_PLAN -> EngagementType.ASKED_HEALTH_PLAN;
            case BUILD_TOOLS -> EngagementType.TOOL_RELEASED;
            default -> EngagementType.EVENT;
        };
    }

    private static String title(EngagementType type, String name) {
        String title = switch (type) {
            case EMPLOYEE_DIALOGUE -> name + " talks with employees about their health records";
            case CEO_MESSAGE -> "A message from the CEO of " + name + ": get your health records";
            case SOCIAL_MEDIA_CAMPAIGN -> name + " campaigns for Blue Button on social media";
            case EVENT -> name + " hosts a Blue Button day";
            case PUBLIC_DISCUSSION -> name + " holds a public discussion on access to records";
            case ASKED_HEALTH_PLAN -> name + " asks its health plan to take the pledge";
            case TOOL_RELEASED -> name + " releases a tool that reads Blue Button records";
            case INNOVATION -> name + " pilots a new use of downloaded records";
        };
        return title.length() <= 200 ? title : title.substring(0, 200);
    }

    private static String story(EngagementType type, String name, Long people, YearMonth month) {
        return "In " + month + ", " + name + " (" + type.name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")"
                + (people == null ? "" : " reached " + people + " people") + ".\nThey learned how to view, download and "
                + "share their own health records with the Blue Button.";
    }

    static String eventId(SplittableRandom random) {
        long most = (random.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }

    // ---- malformed requests -----------------------------------------------------------------------

    private void planMalformed(List<Life> lives, SplittableRandom random) {
        MalformedKind[] kinds = MalformedKind.values();
        int wanted = Math.max(kinds.length, (int) Math.round(MALFORMED_PER_ORGANIZATION_YEAR * config.organizations() * config.years()));
        for (int k = 0; k < wanted; k++) {
            Life life = lives.get(random.nextInt(lives.size()));
            int tick = life.pledgeTick + random.nextInt(life.lastTick - life.pledgeTick + 1);
            Life other = lives.get((life.index + 1) % lives.size());
            String otherId = other == life ? life.organization.orgId() + "-other" : other.organization.orgId();
            MalformedRequest request = malformed(kinds[k % kinds.length], life.organization, otherId,
                    config.firstMonth().plusMonths(tick), random);
            List<Step> steps = life.steps[tick];
            int at = 0;
            while (at < steps.size() && (steps.get(at) instanceof Step.CreateOrganization || steps.get(at) instanceof Step.CorrectCategory)) {
                at++;
            }
            steps.add(at, new Step.SendMalformed(life.organization.orgId(), request));
        }
    }

    private static MalformedRequest malformed(MalformedKind kind, Organization organization, String otherOrgId, YearMonth month,
            SplittableRandom random) {
        String base = "/v1/organizations/" + organization.orgId();
        String downloads = base + "/download-activity";
        String id = eventId(random);
        String at = month.atDay(10).atTime(12, 0).toInstant(ZoneOffset.UTC).toString();
        String valid = event(id, at, "DOWNLOAD", "1");
        String json = "application/json";
        return switch (kind) {
            case TRUNCATED_JSON -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json,
                    "[" + valid.substring(0, valid.length() / 2), List.of(id));
            case ZERO_COUNT -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json,
                    "[" + event(id, at, "VIEW", "0") + "]", List.of(id));
            case BEFORE_2010 -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json,
                    "[" + event(id, "2009-12-31T23:00:00Z", "VIEW", "1") + "]", List.of(id));
            case UNKNOWN_FIELD -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json,
                    "[" + valid.replace("}", ",\"patientId\":\"12345\"}") + "]", List.of(id));
            case REPEATED_EVENT_ID -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json,
                    "[" + valid + "," + event(id, at, "VIEW", "3") + "]", List.of(id));
            case ONE_BAD_ITEM -> {
                List<String> ids = new ArrayList<>();
                StringBuilder body = new StringBuilder("[");
                for (int i = 0; i < 5; i++) {
                    String good = eventId(random);
                    ids.add(good);
                    body.append(event(good, at, "VIEW", "1")).append(',');
                }
                ids.add(id);
                body.append(event(id, at, "FAX", "1")).append(']');
                yield new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION, json, body.toString(), ids);
            }
            case NEGATIVE_PATIENTS -> new MalformedRequest(kind, "POST", base + "/access-snapshots",
                    MalformedRequest.Credential.ORGANIZATION, json,
                    "[{\"eventId\":\"" + id + "\",\"asOf\":\"" + month.atDay(10) + "\",\"patientsWithAccess\":-5}]", List.of(id));
            case CSV_FUTURE_MONTH -> new MalformedRequest(kind, "POST", base + "/monthly-stats",
                    MalformedRequest.Credential.ORGANIZATION, "text/csv", Step.UploadMonthlyStats.HEADER + "\n2099-01,100,10,5,1\n",
                    List.of(Step.UploadMonthlyStats.eventId(organization.orgId(), YearMonth.of(2099, 1), "VIEW")));
            case MISSING_API_KEY -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.NONE, json,
                    "[" + valid + "]", List.of(id));
            case ANOTHER_ORGANIZATION -> new MalformedRequest(kind, "POST", "/v1/organizations/" + otherOrgId + "/download-activity",
                    MalformedRequest.Credential.ORGANIZATION, json, "[" + valid + "]", List.of(id));
            case WRONG_CONTENT_TYPE -> new MalformedRequest(kind, "POST", downloads, MalformedRequest.Credential.ORGANIZATION,
                    "text/plain", "[" + valid + "]", List.of(id));
            case CATEGORY_NOT_FITTING_TYPE -> new MalformedRequest(kind, "POST", "/v1/organizations", MalformedRequest.Credential.STAFF,
                    json, "{\"orgId\":\"" + organization.orgId() + "-bad\",\"name\":\"Misfiled " + organization.name()
                            + "\",\"organizationType\":\"NON_DATA_HOLDER\",\"category\":\"PAYER\",\"state\":\"" + organization.state()
                            + "\",\"commitments\":[]}", List.of());
        };
    }

    private static String event(String id, String occurredAt, String channel, String count) {
        return "{\"eventId\":\"" + id + "\",\"occurredAt\":\"" + occurredAt + "\",\"channel\":\"" + channel + "\",\"count\":" + count + "}";
    }

    // ---- ticks --------------------------------------------------------------------------------------

    private List<Tick> ticks(List<Life> lives, int months) {
        List<Tick> ticks = new ArrayList<>();
        Instant horizon = Instant.MIN;
        for (int tick = 0; tick < months; tick++) {
            List<Tick.OrganizationTurn> turns = new ArrayList<>();
            for (Life life : lives) {
                if (!life.steps[tick].isEmpty()) {
                    turns.add(new Tick.OrganizationTurn(life.organization.orgId(), life.steps[tick]));
                    for (Step step : life.steps[tick]) {
                        for (DownloadEvent event : downloadEvents(step)) {
                            horizon = event.occurredAt().isAfter(horizon) ? event.occurredAt() : horizon;
                        }
                    }
                }
            }
            YearMonth month = config.firstMonth().plusMonths(tick);
            requireCertainFate(turns, horizon, month);
            ticks.add(new Tick(tick, month, horizon, turns));
        }
        return ticks;
    }

    /** Every regular event of a tick must count whatever the stream tasks saw: the plan is built so. */
    private void requireCertainFate(List<Tick.OrganizationTurn> turns, Instant horizon, YearMonth month) {
        for (Tick.OrganizationTurn turn : turns) {
            for (Step step : turn.steps()) {
                boolean late = step instanceof Step.ReportDownloads downloads && downloads.late();
                for (DownloadEvent event : downloadEvents(step)) {
                    if (!late && !lateness.closesAt(Lateness.monthOf(event.occurredAt())).isAfter(horizon)) {
                        throw new IllegalStateException("Planned event " + event.eventId() + " of " + turn.orgId() + " in " + month
                                + " could be late: its month closes before the horizon " + horizon);
                    }
                }
            }
        }
    }

    /** The download events a step sends (a CSV upload's derived ones; a resend's original ones). */
    public static List<DownloadEvent> downloadEvents(Step step) {
        if (step instanceof Step.ReportDownloads downloads) {
            return downloads.events();
        }
        if (step instanceof Step.UploadMonthlyStats upload) {
            return upload.derivedDownloads();
        }
        if (step instanceof Step.Resend resend) {
            return downloadEvents(resend.original());
        }
        return List.of();
    }

    /** One organization while it is being planned. */
    private static final class Life {
        final int index;
        final Organization organization;
        final int pledgeTick;
        final double size;
        final SplittableRandom random;
        final List<Step>[] steps;
        int lastTick;
        int withdrawalTick = -1;
        int correctionTick = -1;
        Category corrected;
        boolean csvReporter;

        @SuppressWarnings("unchecked")
        Life(int index, Organization organization, int pledgeTick, int lastTick, double size, SplittableRandom random, int months) {
            this.index = index;
            this.organization = organization;
            this.pledgeTick = pledgeTick;
            this.lastTick = lastTick;
            this.size = size;
            this.random = random;
            this.steps = new List[months];
            for (int i = 0; i < months; i++) {
                steps[i] = new ArrayList<>();
            }
        }

        boolean dataHolder() {
            return organization.type() == OrganizationType.DATA_HOLDER;
        }
    }
}
