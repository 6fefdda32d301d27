package org.bluebutton.analytics.streams.query.hub;

import java.util.ArrayList;
import java.util.List;
import org.bluebutton.analytics.disclosure.Cell;

/**
 * A data holder's figures for one completed year, as the public may see them: its cells of that
 * year's public tables, the computation the annual report makes too ({@link PublicYear}); the
 * download rate only when both of its figures are published (a rate of two figures, one hidden,
 * would give the hidden one back).
 *
 * @param year the calendar year
 * @param patientsWithAccess patients with access at the year's latest snapshot, or null without a snapshot
 * @param downloads downloads in the year
 * @param views views in the year
 * @param transmits Direct transmits in the year
 * @param downloadsPer100Patients downloads per 100 patients with access, one decimal; null when not published
 */
public record PublicFigures(int year, Cell patientsWithAccess, Cell downloads, Cell views, Cell transmits, Double downloadsPer100Patients) {

    /** The public figures of one organization's year, from its cells of the year's public tables ({@link PublicYear}). */
    static PublicFigures of(int year, Cell patients, Cell downloads, Cell views, Cell transmits) {
        Double rate = patients != null && patients.published() && patients.value() > 0 && downloads.published()
                ? Math.round(downloads.value() * 1000.0 / patients.value()) / 10.0 : null;
        return new PublicFigures(year, patients, downloads, views, transmits, rate);
    }

    /** The names of the withheld figures, in a fixed order. */
    public List<String> suppressed() {
        List<String> names = new ArrayList<>();
        if (patientsWithAccess != null && !patientsWithAccess.published()) {
            names.add("patientsWithAccess");
        }
        for (String name : List.of("downloads", "views", "transmits")) {
            Cell cell = switch (name) {
                case "downloads" -> downloads;
                case "views" -> views;
                default -> transmits;
            };
            if (!cell.published()) {
                names.add(name);
            }
        }
        return names;
    }

    /** A published figure, or null when withheld or absent (the JSON answers leave it out). */
    public static Long shown(Cell cell) {
        return cell == null || !cell.published() ? null : cell.value();
    }
}
