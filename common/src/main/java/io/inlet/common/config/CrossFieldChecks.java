package io.inlet.common.config;

import io.inlet.common.mapper.TargetKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import static io.inlet.common.config.SecuritySettings.AWS_REGION;
import static io.inlet.common.config.SecuritySettings.AWS_SERVICE;
import static io.inlet.common.config.SecuritySettings.CA_PEM;
import static io.inlet.common.config.SecuritySettings.PASSWORD;
import static io.inlet.common.config.SecuritySettings.TRUSTSTORE_PASSWORD;
import static io.inlet.common.config.SecuritySettings.TRUSTSTORE_PATH;
import static io.inlet.common.config.SecuritySettings.TRUSTSTORE_TYPE;
import static io.inlet.common.config.SecuritySettings.USERNAME;

/**
 * The rules that involve several settings, checked on the raw text a user gave. A setting that is
 * invalid on its own is left to its validator: the rules that need it are skipped, so each mistake is
 * reported once. A value counts as given when it is present and not blank.
 */
final class CrossFieldChecks {

    private final Map<String, String> props;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    private CrossFieldChecks(Map<String, String> props) {
        this.props = props;
    }

    static Map<String, List<String>> check(Map<String, String> props) {
        CrossFieldChecks checks = new CrossFieldChecks(props);
        checks.authentication();
        checks.tls();
        checks.target();
        checks.format();
        checks.writer();
        checks.pointer();
        Map<String, List<String>> result = new LinkedHashMap<>();
        checks.errors.forEach((key, messages) -> result.put(key, List.copyOf(messages)));
        return Collections.unmodifiableMap(result);
    }

    private void authentication() {
        Optional<AuthType> auth = SecuritySettings.AUTH_TYPES
                .match(valueOr(SecuritySettings.AUTH_TYPE, SecuritySettings.AUTH_TYPE_DEFAULT))
                .map(AuthType::fromName);
        if (auth.isEmpty()) {
            return;
        }
        String chosen = SecuritySettings.AUTH_TYPE + "=" + auth.get().configName();
        switch (auth.get()) {
            case BASIC -> {
                require(USERNAME, chosen + " needs a user name: set " + USERNAME);
                require(PASSWORD, chosen + " needs a password: set " + PASSWORD);
            }
            case AWS_SIGV4 -> {
                require(AWS_REGION, chosen + " needs the AWS region of the domain or collection: set "
                        + AWS_REGION + ", e.g. us-east-1");
                for (String key : List.of(USERNAME, PASSWORD)) {
                    refuse(key, chosen + " signs requests with AWS credentials and takes no " + key
                            + ": remove " + key + " (or set " + SecuritySettings.AUTH_TYPE + "=basic)");
                }
            }
            case NONE -> {
                for (String key : List.of(USERNAME, PASSWORD)) {
                    refuse(key, key + " is set but " + chosen + ", so it would be unused: set "
                            + SecuritySettings.AUTH_TYPE + "=basic or remove " + key);
                }
            }
        }
        if (auth.get() != AuthType.AWS_SIGV4) {
            for (String key : List.of(AWS_REGION, AWS_SERVICE)) {
                refuse(key, key + " only applies to " + SecuritySettings.AUTH_TYPE + "=aws_sigv4, and "
                        + chosen + ": set " + SecuritySettings.AUTH_TYPE + "=aws_sigv4 or remove " + key);
            }
        }
    }

    private void tls() {
        boolean truststore = given(TRUSTSTORE_PATH) != null;
        boolean caPem = given(CA_PEM) != null;
        if (truststore && caPem) {
            String message = "set either " + TRUSTSTORE_PATH + " or " + CA_PEM + ", not both: remove one";
            add(TRUSTSTORE_PATH, message);
            add(CA_PEM, message);
        }
        if (!truststore) {
            for (String key : List.of(TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE)) {
                refuse(key, key + " is set without " + TRUSTSTORE_PATH + ", so it would be unused: set "
                        + TRUSTSTORE_PATH + " too, or remove " + key);
            }
        }
        Boolean anyHttps = anyHttpsHost();
        if (Boolean.FALSE.equals(anyHttps)) {
            for (String key : List.of(TRUSTSTORE_PATH, CA_PEM)) {
                refuse(key, key + " is set but no host in " + ConnectionSettings.HOSTS
                        + " uses https://, so it would be unused: write https:// hosts or remove " + key);
            }
        }
    }

    /** Whether some host is https://; null when the hosts are missing or invalid (their validator reports that). */
    private Boolean anyHttpsHost() {
        String hosts = given(ConnectionSettings.HOSTS);
        if (hosts == null) {
            return null;
        }
        boolean https = false;
        for (String host : hosts.split(",")) {
            String trimmed = host.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            if (HttpHostList.problemWith(trimmed) != null) {
                return null;
            }
            https |= trimmed.regionMatches(true, 0, "https://", 0, "https://".length());
        }
        return https;
    }

    private void target() {
        Optional<String> kind = IndexSettings.TARGET_KINDS.match(valueOr(IndexSettings.TARGET_KIND, TargetKind.INDEX.configName()));
        if (kind.isEmpty() || kind.get().equals(TargetKind.DATA_STREAM.configName())) {
            return;
        }
        String chosen = IndexSettings.TARGET_KIND + "=" + kind.get();
        refuse(IndexSettings.DATA_STREAM_TIMESTAMP_FIELD, IndexSettings.DATA_STREAM_TIMESTAMP_FIELD + " only applies to "
                + IndexSettings.TARGET_KIND + "=data_stream, and " + chosen + ": set " + IndexSettings.TARGET_KIND
                + "=data_stream or remove " + IndexSettings.DATA_STREAM_TIMESTAMP_FIELD);
        if ("true".equalsIgnoreCase(given(IndexSettings.DATA_STREAM_CREATE_TEMPLATE))) {
            add(IndexSettings.DATA_STREAM_CREATE_TEMPLATE, IndexSettings.DATA_STREAM_CREATE_TEMPLATE + "=true only applies to "
                    + IndexSettings.TARGET_KIND + "=data_stream, and " + chosen + ": set " + IndexSettings.TARGET_KIND
                    + "=data_stream or remove " + IndexSettings.DATA_STREAM_CREATE_TEMPLATE);
        }
    }

    private void format() {
        Optional<String> mapper = FormatSettings.MAPPER_TYPES
                .match(valueOr(FormatSettings.MAPPER_TYPE, FormatSettings.MAPPER_TYPE_DEFAULT));
        if (mapper.isEmpty()) {
            return;
        }
        String chosen = FormatSettings.MAPPER_TYPE + "=" + mapper.get();
        if (mapper.get().equals(FormatSettings.MAPPER_FIELD_MAPPING)) {
            if (valueOr(FormatSettings.ID_FIELD, FormatSettings.ID_FIELD_DEFAULT).isEmpty()) {
                add(FormatSettings.ID_FIELD, chosen + " needs the field that holds the _id: set "
                        + FormatSettings.ID_FIELD + " to a field name (default "
                        + FormatSettings.ID_FIELD_DEFAULT + ")");
            }
            String delete = valueOr(FormatSettings.OP_TYPE_DELETE_VALUE, FormatSettings.OP_TYPE_DELETE_VALUE_DEFAULT);
            String create = valueOr(FormatSettings.OP_TYPE_CREATE_VALUE, FormatSettings.OP_TYPE_CREATE_VALUE_DEFAULT);
            if (given(FormatSettings.OP_TYPE_FIELD) != null && !delete.isEmpty() && delete.equals(create)) {
                add(FormatSettings.OP_TYPE_CREATE_VALUE, FormatSettings.OP_TYPE_DELETE_VALUE + " and "
                        + FormatSettings.OP_TYPE_CREATE_VALUE + " are both " + Quote.of(delete)
                        + ": write two different values");
            }
            return;
        }
        for (String key : new TreeSet<>(props.keySet())) {
            if (key.startsWith(FormatSettings.MAPPER_SETTINGS_PREFIX)) {
                refuse(key, key + " only applies to " + FormatSettings.MAPPER_TYPE + "="
                        + FormatSettings.MAPPER_FIELD_MAPPING + ", and " + chosen + ": remove " + key
                        + " or set " + FormatSettings.MAPPER_TYPE + "=" + FormatSettings.MAPPER_FIELD_MAPPING);
            }
        }
    }

    private void writer() {
        Long size = number(WriterSettings.MAX_BATCH_SIZE, null);
        Long alias = number(WriterSettings.MAX_BATCH_SIZE_ALIAS, null);
        if (size != null && alias != null && !size.equals(alias)) {
            String message = WriterSettings.MAX_BATCH_SIZE + "=" + size + " and " + WriterSettings.MAX_BATCH_SIZE_ALIAS
                    + "=" + alias + " disagree (" + WriterSettings.MAX_BATCH_SIZE_ALIAS + " is OpenSearch's name for "
                    + WriterSettings.MAX_BATCH_SIZE + "): set only one of them";
            add(WriterSettings.MAX_BATCH_SIZE, message);
            add(WriterSettings.MAX_BATCH_SIZE_ALIAS, message);
        }
        Long base = number(WriterSettings.RETRY_BACKOFF_MS, WriterSettings.RETRY_BACKOFF_MS_DEFAULT);
        Long cap = number(WriterSettings.RETRY_BACKOFF_MAX_MS, WriterSettings.RETRY_BACKOFF_MAX_MS_DEFAULT);
        if (base != null && cap != null && cap < base) {
            add(WriterSettings.RETRY_BACKOFF_MAX_MS, WriterSettings.RETRY_BACKOFF_MAX_MS + "=" + cap + " is below "
                    + WriterSettings.RETRY_BACKOFF_MS + "=" + base + ": write a cap of at least " + base);
        }
    }

    private void pointer() {
        Optional<String> spelled = PointerSettings.RESET_MODES
                .match(valueOr(PointerSettings.RESET, PointerSettings.RESET_DEFAULT));
        if (spelled.isEmpty()) {
            return;
        }
        PointerReset mode = PointerReset.fromName(spelled.get());
        String chosen = PointerSettings.RESET + "=" + spelled.get();
        String value = given(PointerSettings.RESET_VALUE);
        if (!mode.needsValue()) {
            refuse(PointerSettings.RESET_VALUE, chosen + " takes no value: remove " + PointerSettings.RESET_VALUE
                    + " (or choose one of the reset_by_offset or reset_by_timestamp modes)");
            return;
        }
        String hint = mode == PointerReset.BY_OFFSET ? PointerReset.OFFSETS_HINT : PointerReset.TIMESTAMP_HINT;
        if (value == null) {
            add(PointerSettings.RESET_VALUE, chosen + " needs a starting point: set " + PointerSettings.RESET_VALUE
                    + " to " + hint);
            return;
        }
        try {
            if (mode == PointerReset.BY_OFFSET) {
                PointerReset.parseOffsets(value);
            } else {
                PointerReset.parseTimestamp(value);
            }
        } catch (IllegalArgumentException e) {
            add(PointerSettings.RESET_VALUE, Quote.of(value) + " is not a starting point for " + chosen + ": write "
                    + hint);
        }
    }

    /** The given value of {@code key}, stripped; null when absent or blank. */
    private String given(String key) {
        String value = props.get(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** The value of {@code key} as given (stripped; empty when given blank), else {@code fallback}. */
    private String valueOr(String key, String fallback) {
        String value = props.get(key);
        return value == null ? fallback : value.strip();
    }

    /** The whole number given for {@code key}, else {@code fallback}; null when it is not a number. */
    private Long number(String key, Long fallback) {
        String value = given(key);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void require(String key, String message) {
        if (given(key) == null) {
            add(key, message);
        }
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
