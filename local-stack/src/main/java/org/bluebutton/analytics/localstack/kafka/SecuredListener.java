package org.bluebutton.analytics.localstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * What makes a {@link LocalKafka} a secured broker, as production runs it: clients connect over TLS
 * (a certificate made at run time for {@code localhost}) and authenticate with SASL/SCRAM-SHA-512;
 * Kafka's {@code StandardAuthorizer} decides what each principal may do, from ACLs alone (no ACL: refused).
 * The administrator principal is a super user, to create topics and grant ACLs.
 *
 * <p>The certificate is self-signed and made with the JDK's {@code keytool}; the clients' trust store
 * holds it. The KRaft controller listener stays plaintext on localhost (the broker's own requests to its
 * controller, authorized as {@code User:ANONYMOUS}, which is therefore a super user): acceptable for a
 * test broker bound to localhost only, never for production, where the controller listener is secured too.
 *
 * @param keystore the broker's key store (PKCS12) with its key and certificate
 * @param truststore the clients' trust store (PKCS12) with the broker's certificate
 * @param storePassword the password of both stores
 * @param users SCRAM users and their passwords, the administrator among them
 * @param admin the administrator's user name
 */
public record SecuredListener(Path keystore, Path truststore, String storePassword, Map<String, String> users, String admin) {

    /** The SASL mechanism of the listener. */
    public static final String MECHANISM = "SCRAM-SHA-512";

    private static final SecureRandom RANDOM = new SecureRandom();

    public SecuredListener {
        Objects.requireNonNull(keystore, "keystore");
        Objects.requireNonNull(truststore, "truststore");
        Objects.requireNonNull(storePassword, "storePassword");
        users = Map.copyOf(users);
        if (!users.containsKey(admin)) {
            throw new IllegalArgumentException("the administrator " + admin + " must be one of the users");
        }
    }

    /**
     * Makes a certificate for {@code localhost} in {@code directory} and a SCRAM user with a new random
     * password for the administrator {@code admin} and for each of {@code users}.
     */
    public static SecuredListener create(Path directory, String admin, List<String> users) {
        String storePassword = newPassword();
        Path keystore = directory.resolve("broker.p12");
        Path certificate = directory.resolve("broker.crt");
        Path truststore = directory.resolve("truststore.p12");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + directory, e);
        }
        // The password goes through the environment, not the command line other users of the machine can read.
        keytool(storePassword, "-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass:env", "STORE_PASSWORD", "-keypass:env", "STORE_PASSWORD");
        keytool(storePassword, "-exportcert", "-rfc", "-alias", "broker", "-keystore", keystore.toString(),
                "-storepass:env", "STORE_PASSWORD", "-file", certificate.toString());
        keytool(storePassword, "-importcert", "-noprompt", "-alias", "broker", "-file", certificate.toString(), "-storetype", "PKCS12",
                "-keystore", truststore.toString(), "-storepass:env", "STORE_PASSWORD");
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(admin, newPassword());
        users.forEach(user -> passwords.put(user, newPassword()));
        return new SecuredListener(keystore, truststore, storePassword, passwords, admin);
    }

    /** The password of {@code user}. */
    public String password(String user) {
        String password = users.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no user " + user);
        }
        return password;
    }

    /** Kafka client settings to connect as {@code user} (SASL_SSL, SCRAM-SHA-512, trusting the broker's certificate). */
    public Map<String, Object> clientConfig(String user) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("security.protocol", "SASL_SSL");
        config.put("sasl.mechanism", MECHANISM);
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";");
        config.put("ssl.truststore.location", truststore.toString());
        config.put("ssl.truststore.type", "PKCS12");
        config.put("ssl.truststore.password", storePassword);
        return config;
    }

    /** The broker settings of the listener named {@code SASL_SSL}, the authorizer and the super users. */
    Map<String, String> brokerProperties() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sasl.enabled.mechanisms", MECHANISM);
        settings.put("sasl.mechanism.inter.broker.protocol", MECHANISM);
        settings.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + admin + "\" password=\"" + password(admin) + "\";");
        settings.put("ssl.keystore.location", keystore.toString());
        settings.put("ssl.keystore.type", "PKCS12");
        settings.put("ssl.keystore.password", storePassword);
        settings.put("ssl.key.password", storePassword);
        // The broker checks at start that a client engine of its own (inter-broker) trusts its certificate.
        settings.put("ssl.truststore.location", truststore.toString());
        settings.put("ssl.truststore.type", "PKCS12");
        settings.put("ssl.truststore.password", storePassword);
        settings.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        settings.put("allow.everyone.if.no.acl.found", "false");
        settings.put("super.users", "User:" + admin + ";User:ANONYMOUS");
        List<String> credentials = new ArrayList<>();
        users.forEach((user, password) -> credentials.add(MECHANISM + "=[name=" + user + ",password=" + password + "]"));
        settings.put(KafkaBrokerMain.SCRAM_CREDENTIALS_PROPERTY, String.join("|", credentials));
        return settings;
    }

    /** Never a password. */
    @Override
    public String toString() {
        return "SecuredListener[users=" + users.keySet() + ", admin=" + admin + ", keystore=" + keystore + "]";
    }

    // Letters and digits only: the storage formatter's SCRAM arguments and JAAS need no quoting then.
    private static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static void keytool(String storePassword, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("STORE_PASSWORD", storePassword);
        try {
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool " + arguments[0] + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run keytool", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running keytool", e);
        }
    }
}
