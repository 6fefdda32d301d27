package org.bluebutton.analytics.schemas.serde;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;

/**
 * Settings of the Avro serdes, passed with the producer, consumer or Streams configuration. Key names
 * follow Confluent's serializer so existing deployment configs carry over.
 */
public final class SchemaRegistrySerdeConfig extends AbstractConfig {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String CONNECT_TIMEOUT_MS = "schema.registry.connect.timeout.ms";
    public static final String REQUEST_TIMEOUT_MS = "schema.registry.request.timeout.ms";
    public static final String TRUSTSTORE_LOCATION = "schema.registry.ssl.truststore.location";
    public static final String TRUSTSTORE_PASSWORD = "schema.registry.ssl.truststore.password";
    public static final String TRUSTSTORE_TYPE = "schema.registry.ssl.truststore.type";
    public static final String KEYSTORE_LOCATION = "schema.registry.ssl.keystore.location";
    public static final String KEYSTORE_PASSWORD = "schema.registry.ssl.keystore.password";
    public static final String KEYSTORE_TYPE = "schema.registry.ssl.keystore.type";

    /** The definition: type, default, validation and documentation of every key, in one place. */
    public static final ConfigDef DEFINITION = new ConfigDef()
            .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(),
                    Importance.HIGH, "Base URL of the Confluent-compatible registry API; may include a path "
                            + "(e.g. http://host:8080/apis/ccompat/v7).")
            .define(BASIC_AUTH_USER_INFO, Type.PASSWORD, null, Importance.MEDIUM,
                    "user:password for HTTP basic auth; never logged.")
            .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, false, Importance.MEDIUM,
                    "Register the writer's schema when it is missing. Off in production: schemas are registered "
                            + "by the register-schemas command, which enforces BACKWARD compatibility.")
            .define(CONNECT_TIMEOUT_MS, Type.INT, 5_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "TCP connect timeout for registry requests.")
            .define(REQUEST_TIMEOUT_MS, Type.INT, 10_000, ConfigDef.Range.atLeast(1), Importance.LOW,
                    "Timeout of one registry request.")
            .define(TRUSTSTORE_LOCATION, Type.STRING, null, Importance.LOW, "Trust store for an https registry.")
            .define(TRUSTSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Password of the trust store.")
            .define(TRUSTSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Type of the trust store.")
            .define(KEYSTORE_LOCATION, Type.STRING, null, Importance.LOW, "Key store with a client certificate for mutual TLS.")
            .define(KEYSTORE_PASSWORD, Type.PASSWORD, null, Importance.LOW, "Password of the key store and its key.")
            .define(KEYSTORE_TYPE, Type.STRING, "PKCS12", Importance.LOW, "Type of the key store.");

    public SchemaRegistrySerdeConfig(Map<String, ?> originals) {
        super(DEFINITION, originals, false);
    }

    /** Whether serializers register missing schemas themselves. */
    public boolean autoRegisterSchemas() {
        return getBoolean(AUTO_REGISTER_SCHEMAS);
    }

    /** The registry client settings these serde settings describe. */
    public SchemaRegistryClientConfig clientConfig() {
        Password userInfo = getPassword(BASIC_AUTH_USER_INFO);
        return new SchemaRegistryClientConfig(
                URI.create(getString(SCHEMA_REGISTRY_URL)),
                userInfo == null ? null : userInfo.value(),
                sslContext(),
                Duration.ofMillis(getInt(CONNECT_TIMEOUT_MS)),
                Duration.ofMillis(getInt(REQUEST_TIMEOUT_MS)));
    }

    private SSLContext sslContext() {
        String trustStore = getString(TRUSTSTORE_LOCATION);
        String keyStore = getString(KEYSTORE_LOCATION);
        if (trustStore == null && keyStore == null) {
            return null;
        }
        try {
            TrustManagerFactory trust = null;
            if (trustStore != null) {
                trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(load(trustStore, getString(TRUSTSTORE_TYPE), getPassword(TRUSTSTORE_PASSWORD)));
            }
            KeyManagerFactory keys = null;
            if (keyStore != null) {
                Password password = getPassword(KEYSTORE_PASSWORD);
                keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                keys.init(load(keyStore, getString(KEYSTORE_TYPE), password), chars(password));
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys == null ? null : keys.getKeyManagers(), trust == null ? null : trust.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new ConfigException("Could not set up TLS for the schema registry from " + TRUSTSTORE_LOCATION + "/"
                    + KEYSTORE_LOCATION + ": " + e.getMessage());
        }
    }

    private static KeyStore load(String location, String type, Password password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(type);
        try (InputStream in = Files.newInputStream(Path.of(location))) {
            store.load(in, chars(password));
        }
        return store;
    }

    private static char[] chars(Password password) {
        return password == null ? null : password.value().toCharArray();
    }
}
