package io.inlet.kinesis.config;

import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Accepts a Kinesis stream name (1 to 128 letters, digits, {@code _ . -}) or a stream ARN
 * ({@code arn:aws:kinesis:<region>:<12-digit account>:stream/<name>}, any AWS partition).
 */
final class StreamRule implements ConfigDef.Validator {

    static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    static final Pattern ARN = Pattern.compile("arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\\d{12}:stream/[a-zA-Z0-9_.-]{1,128}");

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (text.isEmpty()) {
            throw new ConfigException(name, value, "write the stream name (e.g. orders) or its ARN");
        }
        if (text.startsWith("arn:")) {
            if (!ARN.matcher(text).matches()) {
                throw new ConfigException(name, value, "write a stream ARN like"
                        + " arn:aws:kinesis:us-east-1:123456789012:stream/orders, or the stream name alone");
            }
        } else if (!NAME.matcher(text).matches()) {
            throw new ConfigException(name, value, "write a stream name of 1 to 128 letters, digits, _ . or -"
                    + " (e.g. orders), or the stream ARN");
        }
    }

    @Override
    public String toString() {
        return "a stream name (1 to 128 of a-z A-Z 0-9 _ . -) or a stream ARN";
    }
}
