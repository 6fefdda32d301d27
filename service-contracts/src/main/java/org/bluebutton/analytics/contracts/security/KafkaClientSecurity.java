package org.bluebutton.analytics.contracts.security;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a service's Kafka clients (producers, consumers, admin clients and Kafka Streams) authenticate
 * to the brokers and protect the connection: one typed, validated value read from the
 * {@code BLUEBUTTON_KAFKA_*} environment variables below, the same names in every service (each runs
 * as its own principal, so each gets its own values). Every client a service creates takes
 * {@link #clientConfig()} on top of its own settings.
 *
 * <table>
 * <caption>Environment variables</caption>
 * <tr><td>{@value #PROTOCOL}</td><td>{@code PLAINTEXT} (default), {@code SSL}, {@code SASL_PLAINTEXT} or {@code SASL_SSL}</td></tr>
 * <tr><td>{@value #SASL_MECHANISM}</td><td>{@code SCRAM-SHA-512} (default with SASL), {@code SCRAM-SHA-256} or {@code PLAIN}</td></tr>
 * <tr><td>{@value #SASL_USERNAME}, {@value #SASL_PASSWORD}</td><td>the service's principal; required with SASL</td></tr>
 * <tr><td>{@value #TRUSTSTORE_LOCATION}, {@value #TRUSTSTORE_TYPE}, {@value #TRUSTSTORE_PASSWORD}</td>
 *     <td>the CAs that sign the brokers' certificates (without: the JVM's default CAs)</td></tr>
 * <tr><td>{@value #KEYSTORE_LOCATION}, {@value #KEYSTORE_TYPE}, {@value #KEYSTORE_PASSWORD}, {@value #KEY_PASSWORD}</td>
 *     <td>a client certificate, for brokers that require one ({@code ssl.client.auth=required})</td></tr>
 * </table>
 *
 * @param protocol {@code security.protocol}
 * @param saslMechanism {@code sasl.mechanism}, or null without SASL
 * @param saslUsername the principal's name, or null without SASL
 * @param saslPassword the principal's password, or null without SASL; never logged
 * @param truststore the trust store, or null for the JVM's default CAs (or without TLS)
 * @param keystore the client's key store, or null
 * @param keyPassword the password of the key in the key store, or null for the store's password
 */
public record KafkaClientSecurity(
        Protocol protocol,
        SaslMechanism saslMechanism,
        String saslUsername,
        String saslPassword,
        StoreFile truststore,
        StoreFile keystore,
        String keyPassword) {

    public static final String PROTOCOL = "BLUEBUTTON_KAFKA_SECURITY_PROTOCOL";
    public static final String SASL_MECHANISM = "BLUEBUTTON_KAFKA_SASL_MECHANISM";
    public static final String SASL_USERNAME = "BLUEBUTTON_KAFKA_SASL_USERNAME";
    public static final String SASL_PASSWORD = "BLUEBUTTON_KAFKA_SASL_PASSWORD";
    public static final String TRUSTSTORE_LOCATION = "BLUEBUTTON_KAFKA_SSL_TRUSTSTORE_LOCATION";
    public static final String TRUSTSTORE_TYPE = "BLUEBUTTON_KAFKA_SSL_TRUSTSTORE_TYPE";
    public static final String TRUSTSTORE_PASSWORD = "BLUEBUTTON_KAFKA_SSL_TRUSTSTORE_PASSWORD";
    public static final String KEYSTORE_LOCATION = "BLUEBUTTON_KAFKA_SSL_KEYSTORE_LOCATION";
    public static final String KEYSTORE_TYPE = "BLUEBUTTON_KAFKA_SSL_KEYSTORE_TYPE";
    public static final String KEYSTORE_PASSWORD = "BLUEBUTTON_KAFKA_SSL_KEYSTORE_PASSWORD";
    public static final String KEY_PASSWORD = "BLUEBUTTON_KAFKA_SSL_KEY_PASSWORD";

    /** Every variable this class reads, in the order of the table above. */
    public static final List<String> VARIABLES = List.of(PROTOCOL, SASL_MECHANISM, SASL_USERNAME, SASL_PASSWORD, TRUSTSTORE_LOCATION,
            TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD, KEYSTORE_LOCATION, KEYSTORE_TYPE, KEYSTORE_PASSWORD, KEY_PASSWORD);

    /** No authentication, no encryption: the local stack and the tests on it. */
    public static final KafkaClientSecurity PLAINTEXT = new KafkaClientSecurity(Protocol.PLAINTEXT, null, null, null, null, null, null);

    /** Kafka's {@code security.protocol} values. */
    public enum Protocol {
        PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL;

        boolean sasl() {
            return this == SASL_PLAINTEXT || this == SASL_SSL;
        }

        boolean tls() {
            return this == SSL || this == SASL_SSL;
        }
    }

    /** The SASL mechanisms the services support, with the login module each needs. */
    public enum SaslMechanism {
        PLAIN("PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule"),
        SCRAM_SHA_256("SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule"),
        SCRAM_SHA_512("SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule");

        private final String kafkaName;
        private final String loginModule;

        SaslMechanism(String kafkaName, String loginModule) {
            this.kafkaName = kafkaName;
            this.loginModule = loginModule;
        }

        /** The name Kafka knows it by ({@code sasl.mechanism}). */
        public String kafkaName() {
            return kafkaName;
        }

        static SaslMechanism parse(String text) {
            for (SaslMechanism mechanism : values()) {
                if (mechanism.kafkaName.equalsIgnoreCase(text.trim())) {
                    return mechanism;
                }
            }
            throw new InvalidSecuritySettingException(SASL_MECHANISM, "must be PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512");
        }
    }

    public KafkaClientSecurity {
        Objects.requireNonNull(protocol, "protocol");
        if (protocol.sasl()) {
            if (saslMechanism == null) {
                saslMechanism = SaslMechanism.SCRAM_SHA_512;
            }
            require(saslUsername != null && !saslUsername.isBlank(), SASL_USERNAME, "is required with " + protocol);
            require(saslPassword != null && !saslPassword.isEmpty(), SASL_PASSWORD, "is required with " + protocol);
            require(saslUsername.length() <= 256 && saslUsername.chars().noneMatch(Character::isISOControl), SASL_USERNAME,
                    "must be at most 256 characters without control characters");
            require(saslPassword.length() <= 1024 && saslPassword.chars().noneMatch(Character::isISOControl), SASL_PASSWORD,
                    "must be at most 1024 characters without control characters");
        } else {
            // Credentials given to a protocol that never sends them are a misconfiguration (a forgotten
            // SECURITY_PROTOCOL), not something to ignore: the service would run unauthenticated.
            require(saslMechanism == null && saslUsername == null && saslPassword == null, PROTOCOL,
                    "is " + protocol + " but SASL settings are given; use SASL_SSL (or SASL_PLAINTEXT)");
        }
        if (!protocol.tls()) {
            require(truststore == null && keystore == null && keyPassword == null, PROTOCOL,
                    "is " + protocol + " but TLS stores are given; use SSL or SASL_SSL");
        }
        if (truststore != null) {
            truststore.requireReadable(TRUSTSTORE_LOCATION);
        }
        if (keystore != null) {
            keystore.requireReadable(KEYSTORE_LOCATION);
            require(keystore.password() != null, KEYSTORE_PASSWORD, "is required with a key store");
        }
        require(keyPassword == null || keystore != null, KEY_PASSWORD, "is given without " + KEYSTORE_LOCATION);
    }

    /** SASL over TLS as {@code username}, trusting the CAs in {@code truststore}: what a secured cluster asks of a service. */
    public static KafkaClientSecurity saslSsl(SaslMechanism mechanism, String username, String password, StoreFile truststore) {
        return new KafkaClientSecurity(Protocol.SASL_SSL, mechanism, username, password, truststore, null, null);
    }

    /**
     * The settings the variables name; {@code variables} looks one up by name ({@code System::getenv},
     * or a service's own configuration) and answers null when it is not set. Unset means PLAINTEXT.
     *
     * @throws InvalidSecuritySettingException naming the first variable that is wrong
     */
    public static KafkaClientSecurity fromVariables(Function<String, String> variables) {
        String protocolText = value(variables, PROTOCOL);
        Protocol protocol;
        try {
            protocol = protocolText == null ? Protocol.PLAINTEXT : Protocol.valueOf(protocolText.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidSecuritySettingException(PROTOCOL, "must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL");
        }
        String mechanism = value(variables, SASL_MECHANISM);
        return new KafkaClientSecurity(protocol, mechanism == null ? null : SaslMechanism.parse(mechanism), value(variables, SASL_USERNAME),
                value(variables, SASL_PASSWORD), store(variables, TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD),
                store(variables, KEYSTORE_LOCATION, KEYSTORE_TYPE, KEYSTORE_PASSWORD), value(variables, KEY_PASSWORD));
    }

    /** The settings of the process's environment variables. */
    public static KafkaClientSecurity fromEnvironment() {
        return fromVariables(System::getenv);
    }

    /**
     * The Kafka client settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) to add to
     * every client's; empty for PLAINTEXT, so a plaintext client is configured exactly as before.
     */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        if (protocol == Protocol.PLAINTEXT) {
            return config;
        }
        config.put("security.protocol", protocol.name());
        if (protocol.sasl()) {
            config.put("sasl.mechanism", saslMechanism.kafkaName());
            config.put("sasl.jaas.config", saslMechanism.loginModule + " required username=\"" + jaasQuoted(saslUsername)
                    + "\" password=\"" + jaasQuoted(saslPassword) + "\";");
        }
        if (truststore != null) {
            config.put("ssl.truststore.location", truststore.location().toString());
            config.put("ssl.truststore.type", truststore.type());
            if (truststore.password() != null) {
                config.put("ssl.truststore.password", truststore.password());
            }
        }
        if (keystore != null) {
            config.put("ssl.keystore.location", keystore.location().toString());
            config.put("ssl.keystore.type", keystore.type());
            config.put("ssl.keystore.password", keystore.password());
            if (keyPassword != null) {
                config.put("ssl.key.password", keyPassword);
            }
        }
        return config;
    }

    /**
     * These settings as the environment variables that describe them: for starting a service as a
     * process of its own (never on its command line, where other users of the machine can read it).
     */
    public Map<String, String> asVariables() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put(PROTOCOL, protocol.name());
        if (protocol.sasl()) {
            variables.put(SASL_MECHANISM, saslMechanism.kafkaName());
            variables.put(SASL_USERNAME, saslUsername);
            variables.put(SASL_PASSWORD, saslPassword);
        }
        putStore(variables, truststore, TRUSTSTORE_LOCATION, TRUSTSTORE_TYPE, TRUSTSTORE_PASSWORD);
        putStore(variables, keystore, KEYSTORE_LOCATION, KEYSTORE_TYPE, KEYSTORE_PASSWORD);
        if (keyPassword != null) {
            variables.put(KEY_PASSWORD, keyPassword);
        }
        return variables;
    }

    /** {@code client} with these settings added (a copy; security settings win over the client's own). */
    public Map<String, Object> applyTo(Map<String, ?> client) {
        Map<String, Object> config = new LinkedHashMap<>(client);
        config.putAll(clientConfig());
        return config;
    }

    /** The principal and the protocol; never a password. */
    @Override
    public String toString() {
        return "KafkaClientSecurity[protocol=" + protocol + (protocol.sasl() ? ", mechanism=" + saslMechanism.kafkaName() + ", username="
                + saslUsername + ", password=***" : "") + (truststore != null ? ", truststore=" + truststore : "")
                + (keystore != null ? ", keystore=" + keystore : "") + "]";
    }

    // JAAS reads a quoted value with backslash escapes (StreamTokenizer): a quote or backslash in a
    // password must not end the value or start another option.
    private static String jaasQuoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putStore(Map<String, String> variables, StoreFile store, String location, String type, String password) {
        if (store != null) {
            variables.put(location, store.location().toString());
            variables.put(type, store.type());
            if (store.password() != null) {
                variables.put(password, store.password());
            }
        }
    }

    static String value(Function<String, String> variables, String name) {
        String value = variables.apply(name);
        return value == null || value.isBlank() ? null : value;
    }

    static StoreFile store(Function<String, String> variables, String location, String type, String password) {
        String path = value(variables, location);
        if (path == null) {
            require(value(variables, password) == null && value(variables, type) == null, location, "is required when "
                    + type + " or " + password + " is given");
            return null;
        }
        Path file = Path.of(path);
        try {
            return new StoreFile(file, value(variables, type), value(variables, password));
        } catch (IllegalArgumentException e) {
            throw new InvalidSecuritySettingException(type, "must be PKCS12 or JKS");
        }
    }

    static void require(boolean condition, String variable, String rule) {
        if (!condition) {
            throw new InvalidSecuritySettingException(variable, rule);
        }
    }
}
