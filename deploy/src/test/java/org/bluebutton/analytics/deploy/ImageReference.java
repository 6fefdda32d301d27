package org.bluebutton.analytics.deploy;

import java.util.regex.Pattern;

/** Image references ({@code name[:tag][@digest]}) as the deployment files name them. */
final class ImageReference {

    /** A tag naming one release: a full x.y.z version (Temurin's 17.0.16_8-jre-noble, Kafka's 4.1.1). */
    private static final Pattern EXACT_TAG = Pattern.compile("\\d+\\.\\d+\\.\\d+([._+-][0-9A-Za-z._-]*)?");

    private ImageReference() {
    }

    /**
     * Whether {@code reference} names one release rather than a moving line: pinned by digest, or by a
     * tag carrying a full version ({@code 17-jdk} or {@code latest} move with every release).
     */
    static boolean isExactRelease(String reference) {
        if (reference.contains("@sha256:")) {
            return true;
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        return colon > slash && EXACT_TAG.matcher(reference.substring(colon + 1)).matches();
    }
}
