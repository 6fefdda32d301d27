package org.bluebutton.analytics.streams.organization;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.Withdrawals;

/**
 * The arithmetic of pledge counts: a pledge's entries in the ledger (its pledge month, and its
 * withdrawal month when withdrawn), and the counts of every month and year the ledger spans. The
 * span runs from the first month with an entry through the last; organizations active at the end
 * of a period are the pledges up to its end minus the withdrawals up to its end.
 */
public final class PledgeLedgers {

    private PledgeLedgers() {
    }

    /** An empty ledger. */
    public static PledgeLedger empty() {
        return new PledgeLedger(new HashMap<>(), new HashMap<>());
    }

    /** {@code ledger} with {@code pledge}'s entries added ({@code sign} 1) or taken out ({@code sign} -1). */
    public static PledgeLedger apply(PledgeLedger ledger, Pledge pledge, int sign) {
        Map<String, Integer> pledges = new HashMap<>(ledger.getNewPledges());
        Map<String, Integer> withdrawals = new HashMap<>(ledger.getWithdrawals());
        OrganizationType type = pledge.getOrganizationType();
        addTo(pledges, entry(type, pledge.getPledgedAt()), sign);
        Instant withdrawnAt = Withdrawals.withdrawnAt(pledge);
        if (withdrawnAt != null) {
            addTo(withdrawals, entry(type, withdrawnAt), sign);
        }
        return new PledgeLedger(pledges, withdrawals);
    }

    /** The counts of every month and year the ledger spans, per organization type, in time order. */
    public static List<PledgeCounts> counts(PledgeLedger ledger) {
        TreeSet<YearMonth> months = new TreeSet<>();
        ledger.getNewPledges().keySet().forEach(key -> months.add(monthOf(key)));
        ledger.getWithdrawals().keySet().forEach(key -> months.add(monthOf(key)));
        List<PledgeCounts> counts = new ArrayList<>();
        if (months.isEmpty()) {
            return counts;
        }
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            int active = 0;
            int yearNew = 0;
            int yearWithdrawn = 0;
            for (YearMonth month = months.first(); !month.isAfter(months.last()); month = month.plusMonths(1)) {
                int pledged = ledger.getNewPledges().getOrDefault(key(type, month), 0);
                int withdrawn = ledger.getWithdrawals().getOrDefault(key(type, month), 0);
                active += pledged - withdrawn;
                yearNew += pledged;
                yearWithdrawn += withdrawn;
                counts.add(new PledgeCounts(PeriodGranularity.MONTH, month.getYear(), month.getMonthValue(), type, pledged, withdrawn, active));
                if (month.getMonthValue() == 12 || month.equals(months.last())) {
                    counts.add(new PledgeCounts(PeriodGranularity.YEAR, month.getYear(), null, type, yearNew, yearWithdrawn, active));
                    yearNew = 0;
                    yearWithdrawn = 0;
                }
            }
        }
        return counts;
    }

    private static void addTo(Map<String, Integer> entries, String key, int sign) {
        int next = entries.getOrDefault(key, 0) + sign;
        if (next == 0) {
            entries.remove(key);
        } else {
            entries.put(key, next);
        }
    }

    private static String entry(OrganizationType type, Instant time) {
        return key(type, YearMonth.from(time.atOffset(ZoneOffset.UTC)));
    }

    private static String key(OrganizationType type, YearMonth month) {
        return type.name() + "|" + month;
    }

    private static YearMonth monthOf(String key) {
        return YearMonth.parse(key.substring(key.indexOf('|') + 1));
    }
}
