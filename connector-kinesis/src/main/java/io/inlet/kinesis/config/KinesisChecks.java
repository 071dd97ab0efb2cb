package io.inlet.kinesis.config;

import static io.inlet.kinesis.config.KinesisSettings.ACCESS_KEY_ID;
import static io.inlet.kinesis.config.KinesisSettings.CONSUMER_NAME;
import static io.inlet.kinesis.config.KinesisSettings.DYNAMODB_ENDPOINT;
import static io.inlet.kinesis.config.KinesisSettings.KINESIS_ENDPOINT;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_AUTH;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_AUTH_BASIC;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_AUTH_BEARER;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_AUTH_NONE;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_BIND;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_CREDENTIALS_ENV;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_CREDENTIALS_FILE;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_KEYSTORE_PASSWORD;
import static io.inlet.kinesis.config.KinesisSettings.MANAGEMENT_KEYSTORE_PATH;
import static io.inlet.kinesis.config.KinesisSettings.POLLING_IDLE_MS;
import static io.inlet.kinesis.config.KinesisSettings.POLLING_MAX_RECORDS;
import static io.inlet.kinesis.config.KinesisSettings.RETRIEVAL;
import static io.inlet.kinesis.config.KinesisSettings.RETRIEVAL_FAN_OUT;
import static io.inlet.kinesis.config.KinesisSettings.RETRIEVAL_POLLING;
import static io.inlet.kinesis.config.KinesisSettings.SECRET_ACCESS_KEY;
import static io.inlet.kinesis.config.KinesisSettings.TRUST_ALL_CERTIFICATES;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rules of the Kinesis worker's own settings that involve several of them, on the text a user
 * gave. Settings invalid on their own are left to their validators. Keyed by the setting each error
 * should be shown on.
 */
final class KinesisChecks {

    private final Map<String, String> props;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private KinesisChecks(Map<String, String> props) {
        this.props = props;
    }

    static Map<String, List<String>> check(Map<String, String> props) {
        KinesisChecks c = new KinesisChecks(props);
        c.credentials();
        c.retrieval();
        c.trustAll();
        c.managementAccess();
        c.leaderLock();
        return c.errors;
    }

    /** The leader renews its lock at least twice per lock lease, or it loses the lock between renewals. */
    private void leaderLock() {
        KclTimings defaults = KclTimings.kclDefaults();
        long lease = number(KinesisSettings.LEADER_LEASE_MS, defaults.leaderLeaseMillis());
        long heartbeat = number(KinesisSettings.LEADER_HEARTBEAT_MS, defaults.leaderHeartbeatMillis());
        if (lease > 0 && heartbeat > 0 && heartbeat * 2 > lease) {
            add(KinesisSettings.LEADER_HEARTBEAT_MS, KinesisSettings.LEADER_HEARTBEAT_MS + "=" + heartbeat + " is more than half of "
                    + KinesisSettings.LEADER_LEASE_MS + "=" + lease + ", so the leader would lose its lock between two renewals:"
                    + " set " + KinesisSettings.LEADER_HEARTBEAT_MS + " to at most " + lease / 2 + ", or raise "
                    + KinesisSettings.LEADER_LEASE_MS + " to at least " + heartbeat * 2);
        }
    }

    /** A whole-number setting as given, its default when not given, or -1 when not a number (its own check reports that). */
    private long number(String key, long otherwise) {
        String v = given(key);
        if (v == null) {
            return otherwise;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void credentials() {
        boolean id = given(ACCESS_KEY_ID) != null;
        boolean secret = given(SECRET_ACCESS_KEY) != null;
        if (id && !secret) {
            add(SECRET_ACCESS_KEY, ACCESS_KEY_ID + " is set without " + SECRET_ACCESS_KEY + ": set both, or remove "
                    + ACCESS_KEY_ID + " to use the AWS default credentials chain");
        } else if (secret && !id) {
            add(ACCESS_KEY_ID, SECRET_ACCESS_KEY + " is set without " + ACCESS_KEY_ID + ": set both, or remove "
                    + SECRET_ACCESS_KEY + " to use the AWS default credentials chain");
        }
    }

    private void retrieval() {
        String mode = KinesisSettings.retrievalName(props.get(RETRIEVAL));
        if (mode == null) {
            return;
        }
        if (mode.equals(RETRIEVAL_FAN_OUT)) {
            String endpoint = given(KINESIS_ENDPOINT);
            if (endpoint != null && EndpointRule.problemWith(endpoint) == null
                    && endpoint.regionMatches(true, 0, "http://", 0, 7)) {
                add(KINESIS_ENDPOINT, RETRIEVAL + "=" + RETRIEVAL_FAN_OUT + " needs HTTP/2, which needs an https://"
                        + " endpoint: write the https:// endpoint (kinesis-local: its TLS port) or set "
                        + RETRIEVAL + "=" + RETRIEVAL_POLLING);
            }
            for (String key : List.of(POLLING_IDLE_MS, POLLING_MAX_RECORDS)) {
                refuse(key, key + " only applies to " + RETRIEVAL + "=" + RETRIEVAL_POLLING + ", and " + RETRIEVAL
                        + "=" + RETRIEVAL_FAN_OUT + ": remove " + key);
            }
        } else {
            refuse(CONSUMER_NAME, CONSUMER_NAME + " only applies to " + RETRIEVAL + "=" + RETRIEVAL_FAN_OUT + ", and "
                    + RETRIEVAL + "=" + RETRIEVAL_POLLING + ": remove " + CONSUMER_NAME + " or set " + RETRIEVAL + "="
                    + RETRIEVAL_FAN_OUT);
        }
    }

    private void trustAll() {
        String trust = given(TRUST_ALL_CERTIFICATES);
        if ("true".equalsIgnoreCase(trust) && given(KINESIS_ENDPOINT) == null && given(DYNAMODB_ENDPOINT) == null) {
            add(TRUST_ALL_CERTIFICATES, TRUST_ALL_CERTIFICATES + "=true turns certificate checks off, which is only"
                    + " for local emulators, but no " + KINESIS_ENDPOINT + " or " + DYNAMODB_ENDPOINT
                    + " is set (so the worker talks to AWS): remove " + TRUST_ALL_CERTIFICATES);
        }
    }

    /**
     * The management API may be reachable from other machines only with authentication, or with
     * {@value KinesisSettings#MANAGEMENT_AUTH}=none written out; a credential source goes with bearer or basic,
     * exactly one of them; a keystore password goes with a keystore.
     */
    private void managementAccess() {
        String auth = given(MANAGEMENT_AUTH);
        String scheme = auth == null ? null : KinesisSettings.MANAGEMENT_AUTHS.match(auth).orElse(null);
        String bind = given(MANAGEMENT_BIND);
        if (auth == null && bind != null && !isLoopback(bind)) {
            add(MANAGEMENT_AUTH, MANAGEMENT_BIND + "=" + bind + " lets other machines reach the management API, and"
                    + " whoever reaches it can pause the worker and rewind its checkpoints: set " + MANAGEMENT_AUTH
                    + "=bearer (or basic) with " + MANAGEMENT_CREDENTIALS_FILE + " or " + MANAGEMENT_CREDENTIALS_ENV
                    + ", or " + MANAGEMENT_AUTH + "=none if the network already keeps strangers out");
        }
        boolean file = given(MANAGEMENT_CREDENTIALS_FILE) != null;
        boolean env = given(MANAGEMENT_CREDENTIALS_ENV) != null;
        if (MANAGEMENT_AUTH_BEARER.equals(scheme) || MANAGEMENT_AUTH_BASIC.equals(scheme)) {
            if (file == env) {
                add(file ? MANAGEMENT_CREDENTIALS_ENV : MANAGEMENT_AUTH, MANAGEMENT_AUTH + "=" + scheme + " needs its"
                        + " credential from exactly one place: set " + MANAGEMENT_CREDENTIALS_FILE + " (a file holding "
                        + (scheme.equals(MANAGEMENT_AUTH_BEARER) ? "the token" : "user:password") + ") or "
                        + MANAGEMENT_CREDENTIALS_ENV + " (the name of a variable holding it)"
                        + (file ? ", not both" : ""));
            }
        } else if (scheme == null || MANAGEMENT_AUTH_NONE.equals(scheme)) {
            for (String key : List.of(MANAGEMENT_CREDENTIALS_FILE, MANAGEMENT_CREDENTIALS_ENV)) {
                refuse(key, key + " only applies to " + MANAGEMENT_AUTH + "=bearer or basic: set " + MANAGEMENT_AUTH
                        + " or remove " + key);
            }
        }
        if (given(MANAGEMENT_KEYSTORE_PATH) == null) {
            refuse(MANAGEMENT_KEYSTORE_PASSWORD, MANAGEMENT_KEYSTORE_PASSWORD + " is set without "
                    + MANAGEMENT_KEYSTORE_PATH + ": set the keystore too, or remove the password");
        }
    }

    /** Whether {@code bind} is this machine only: localhost, 127.0.0.0/8 or ::1 (no name is looked up). */
    static boolean isLoopback(String bind) {
        String b = bind.strip().toLowerCase(Locale.ROOT);
        return b.equals("localhost") || b.startsWith("127.") || b.equals("::1") || b.equals("[::1]");
    }

    private String given(String key) {
        String v = props.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private void refuse(String key, String message) {
        if (given(key) != null) {
            add(key, message);
        }
    }

    private void add(String key, String message) {
        errors.computeIfAbsent(key, k -> new ArrayList<>()).add(message);
    }
}
