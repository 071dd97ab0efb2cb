package io.inlet.kinesis.rest;

import io.inlet.kinesis.config.KinesisSettings;
import io.inlet.kinesis.config.KinesisWorkerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;
import java.util.function.UnaryOperator;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Who may use the management API, and over what: its authentication ({@code management.auth}) and TLS
 * ({@code management.tls.keystore.*}), read once at start-up. The credential itself is kept only as bytes to compare
 * in constant time; it is never logged nor part of {@link #toString()}.
 */
public final class ApiAccess {

    /** How a request proves who sent it. */
    enum Scheme { NONE, BEARER, BASIC }

    private final Scheme scheme;
    private final byte[] expected;
    private final String source;
    private final SSLContext tls;

    private ApiAccess(Scheme scheme, byte[] expected, String source, SSLContext tls) {
        this.scheme = scheme;
        this.expected = expected;
        this.source = source;
        this.tls = tls;
    }

    /** No authentication, plain http://. */
    public static ApiAccess open() {
        return new ApiAccess(Scheme.NONE, null, null, null);
    }

    /** Requests must carry {@code Authorization: Bearer <token>}. */
    public static ApiAccess bearer(String token, String source) {
        return new ApiAccess(Scheme.BEARER, credential(token, source), source, null);
    }

    /** Requests must carry {@code Authorization: Basic} with {@code user:password}. */
    public static ApiAccess basic(String userColonPassword, String source) {
        if (userColonPassword.indexOf(':') < 1) {
            throw new IllegalStateException("the management credential from " + source + " must be user:password for"
                    + " management.auth=basic");
        }
        return new ApiAccess(Scheme.BASIC, credential(userColonPassword, source), source, null);
    }

    /** The same access served over https:// with {@code context}. */
    public ApiAccess withTls(SSLContext context) {
        return new ApiAccess(scheme, expected, source, context);
    }

    /**
     * The access the worker's settings ask for: the credential read from {@code management.credentials.file} or the
     * variable {@code management.credentials.env} names (looked up with {@code env}), the keystore loaded.
     *
     * @throws IllegalStateException naming the setting when the credential or the keystore can't be read
     */
    public static ApiAccess from(KinesisWorkerConfig c, UnaryOperator<String> env) {
        ApiAccess access = switch (c.managementAuth()) {
            case KinesisSettings.MANAGEMENT_AUTH_BEARER -> bearer(read(c, env), sourceOf(c));
            case KinesisSettings.MANAGEMENT_AUTH_BASIC -> basic(read(c, env), sourceOf(c));
            default -> open();
        };
        return c.managementKeystorePath() == null ? access : access.withTls(tls(c));
    }

    private static String sourceOf(KinesisWorkerConfig c) {
        return c.managementCredentialsFile() != null
                ? KinesisSettings.MANAGEMENT_CREDENTIALS_FILE + " " + c.managementCredentialsFile()
                : "the environment variable " + c.managementCredentialsEnv();
    }

    private static String read(KinesisWorkerConfig c, UnaryOperator<String> env) {
        Path file = c.managementCredentialsFile();
        if (file != null) {
            try {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new IllegalStateException("Couldn't read " + KinesisSettings.MANAGEMENT_CREDENTIALS_FILE + " "
                        + file + " (" + e.getClass().getSimpleName() + "): check the path and that the worker may"
                        + " read it", e);
            }
        }
        String value = env.apply(c.managementCredentialsEnv());
        return value == null ? "" : value.strip();
    }

    private static byte[] credential(String value, String source) {
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("the management credential from " + source + " is empty: put the "
                    + "token (bearer) or user:password (basic) there");
        }
        return value.strip().getBytes(StandardCharsets.UTF_8);
    }

    private static SSLContext tls(KinesisWorkerConfig c) {
        Path path = c.managementKeystorePath();
        char[] password = c.managementKeystorePassword() == null ? new char[0]
                : c.managementKeystorePassword().value().toCharArray();
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance(c.managementKeystoreType());
            store.load(in, password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Couldn't load " + KinesisSettings.MANAGEMENT_KEYSTORE_PATH + " " + path
                    + " as " + c.managementKeystoreType() + " (" + e.getMessage() + "): check the file, its type ("
                    + KinesisSettings.MANAGEMENT_KEYSTORE_TYPE + ") and " + KinesisSettings.MANAGEMENT_KEYSTORE_PASSWORD,
                    e);
        }
    }

    /** Whether a request with this {@code Authorization} header (null when absent) may use the API. */
    boolean allows(String authorization) {
        if (scheme == Scheme.NONE) {
            return true;
        }
        if (authorization == null) {
            return false;
        }
        String prefix = scheme == Scheme.BEARER ? "bearer " : "basic ";
        String value = authorization.strip();
        if (!value.toLowerCase(Locale.ROOT).startsWith(prefix)) {
            return false;
        }
        byte[] given = value.substring(prefix.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (scheme == Scheme.BASIC) {
            try {
                given = Base64.getDecoder().decode(given);
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return MessageDigest.isEqual(expected, given);
    }

    /** The {@code WWW-Authenticate} header of a 401. */
    String challenge() {
        return (scheme == Scheme.BEARER ? "Bearer" : "Basic") + " realm=\"inlet\"";
    }

    /** The context https:// is served with, or null for http://. */
    SSLContext tls() {
        return tls;
    }

    /** For the start-up log: the scheme and where the credential came from, never the credential. */
    @Override
    public String toString() {
        String auth = switch (scheme) {
            case NONE -> "no authentication";
            case BEARER -> "bearer token from " + source;
            case BASIC -> "basic credentials from " + source;
        };
        return auth + (tls == null ? ", http" : ", https");
    }
}
