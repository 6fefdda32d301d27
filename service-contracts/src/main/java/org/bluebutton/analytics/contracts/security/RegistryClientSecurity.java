package org.bluebutton.analytics.contracts.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a service authenticates to the schema registry and which CAs it trusts for an https URL, read
 * from {@value #BASIC_AUTH_USER_INFO} (the name the Confluent tools and our register-schemas command
 * use) and {@code BLUEBUTTON_SCHEMA_REGISTRY_SSL_TRUSTSTORE_*}.
 *
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or null; never logged
 * @param truststore the CAs that sign the registry's certificate, or null for the JVM's default CAs
 */
public record RegistryClientSecurity(String basicAuthUserInfo, StoreFile truststore) {

    public static final String BASIC_AUTH_USER_INFO = "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO";
    public static final String TRUSTSTORE_LOCATION = "BLUEBUTTON_SCHEMA_REGISTRY_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_TYPE = "BLUEBUTTON_SCHEMA_REGISTRY_SSL_TRUSTSTORE_TYPE";
    public static final String TRUSTSTORE_PASSWORD = "BLUEBUTTON_SCHEMA_REGISTRY_SSL_TRUSTSTORE_PASSWORD";

    /** No authentication, the JVM's default CAs. */
    public static final RegistryClientSecurity NONE = new RegistryClientSecurity(null, null);

    public RegistryClientSecurity {
        if (basicAuthUserInfo != null) {
            KafkaClientSecurity.require(basicAuthUserInfo.indexOf(':') > 0 && basicAuthUserInfo.length() <= 1024
                    && basicAuthUserInfo.chars().noneMatch(Character::isISOControl), BASIC_AUTH_USER_INFO,
                    "must be user:password (at most 1024 characters, no control characters)");
        }
        if (truststore != null) {
            truststore.requireReadable(TRUSTSTORE_LOCATION);
        }
    }

    /** The settings the variables name ({@code variables} answers null for an unset one). */
    public static RegistryClientSecurity fromVariables(Function<String, String> variables) {
        return new RegistryClientSecurity(KafkaClientSecurity.value(variables, BASIC_AUTH_USER_INFO),
                KafkaClientSecurity.store(variables, TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD));
    }

    /** The settings of the process's environment variables. */
    public static RegistryClientSecurity fromEnvironment() {
        return fromVariables(System::getenv);
    }

    /**
     * A TLS context trusting the trust store's CAs, or null (the JVM's default) without one.
     *
     * @throws InvalidSecuritySettingException if the store cannot be opened with its password
     */
    public SSLContext sslContext() {
        if (truststore == null) {
            return null;
        }
        try (InputStream in = Files.newInputStream(truststore.location())) {
            KeyStore store = KeyStore.getInstance(truststore.type());
            store.load(in, truststore.password() == null ? null : truststore.password().toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            // The cause may quote the file, never the password.
            throw new InvalidSecuritySettingException(TRUSTSTORE_LOCATION, "cannot be opened as a " + truststore.type()
                    + " trust store with the given password: " + e.getMessage());
        }
    }

    /** These settings as their environment variables, for a service started as a process of its own. */
    public Map<String, String> asVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        if (basicAuthUserInfo != null) {
            variables.put(BASIC_AUTH_USER_INFO, basicAuthUserInfo);
        }
        if (truststore != null) {
            variables.put(TRUSTSTORE_LOCATION, truststore.location().toString());
            variables.put(TRUSTSTORE_TYPE, truststore.type());
            if (truststore.password() != null) {
                variables.put(TRUSTSTORE_PASSWORD, truststore.password());
            }
        }
        return variables;
    }

    /** The user name at most; never the password. */
    @Override
    public String toString() {
        return "RegistryClientSecurity[basicAuth=" + (basicAuthUserInfo == null ? "none" : basicAuthUserInfo.substring(0,
                basicAuthUserInfo.indexOf(':')) + ":***") + (truststore != null ? ", truststore=" + truststore : "") + "]";
    }
}
