package org.bluebutton.analytics.contracts.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A key store or trust store on disk: where it is, its format and the password that opens it.
 *
 * @param location the file, which must be readable when the service starts
 * @param type {@code PKCS12} (the default, and keytool's) or {@code JKS}
 * @param password the store's password, or null for a trust store without one (a PKCS12 trust store
 *     without a password has no integrity check; give one)
 */
public record StoreFile(Path location, String type, String password) {

    /** The format when none is given: keytool's default since Java 9. */
    public static final String DEFAULT_TYPE = "PKCS12";

    public StoreFile {
        Objects.requireNonNull(location, "location");
        type = type == null || type.isBlank() ? DEFAULT_TYPE : type.trim().toUpperCase(Locale.ROOT);
        if (!type.equals("PKCS12") && !type.equals("JKS")) {
            throw new IllegalArgumentException("store type must be PKCS12 or JKS, got " + type);
        }
    }

    /** Checks the file can be read; {@code variable} names the location's variable in the error. */
    StoreFile requireReadable(String variable) {
        if (!Files.isRegularFile(location) || !Files.isReadable(location)) {
            throw new InvalidSecuritySettingException(variable, "names no readable file: " + location);
        }
        return this;
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "StoreFile[location=" + location + ", type=" + type + ", password=" + (password == null ? "none" : "***") + "]";
    }
}
