package org.bluebutton.analytics.schemas.event;

import java.time.Instant;

/** When an organization withdrew from the pledge program, read the same way by every module. */
public final class Withdrawals {

    private Withdrawals() {
    }

    /**
     * The withdrawal time of {@code pledge}, or null while it is active. A withdrawn profile written
     * before {@code withdrawnAt} existed was written at its withdrawal, so its {@code updatedAt} is that time.
     */
    public static Instant withdrawnAt(Pledge pledge) {
        if (pledge.getStatus() != PledgeStatus.WITHDRAWN) {
            return null;
        }
        return pledge.getWithdrawnAt() != null ? pledge.getWithdrawnAt() : pledge.getUpdatedAt();
    }

    /**
     * Whether {@code pledge} counts in a period ending (exclusive) at {@code end}: it had pledged before
     * the end and had not withdrawn by then. The membership rule of every published year (the annual
     * report's group figures and the Blue Button Hub's), so that a later withdrawal moves no past year.
     */
    public static boolean countsAt(Pledge pledge, Instant end) {
        Instant withdrawnAt = withdrawnAt(pledge);
        return pledge.getPledgedAt().isBefore(end) && (withdrawnAt == null || !withdrawnAt.isBefore(end));
    }
}
