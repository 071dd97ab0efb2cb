package io.inlet.kinesis.config;

import java.net.URI;
import java.net.URISyntaxException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts an endpoint override: an {@code http://} or {@code https://} URL with a host, or nothing. */
final class EndpointRule implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        String text = value == null ? "" : value.toString();
        if (text.isBlank()) {
            return;
        }
        String problem = problemWith(text.strip());
        if (problem != null) {
            throw new ConfigException(name, value, problem);
        }
    }

    static String problemWith(String text) {
        try {
            URI u = new URI(text);
            String scheme = u.getScheme();
            if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
                    || u.getHost() == null) {
                return "write an http:// or https:// URL with a host, e.g. https://kinesis.eu-west-1.amazonaws.com"
                        + " or http://127.0.0.1:4567";
            }
            if (u.getUserInfo() != null) {
                return "write the URL without credentials: use aws.access.key.id and aws.secret.access.key";
            }
            return null;
        } catch (URISyntaxException e) {
            return "write a URL such as https://kinesis.eu-west-1.amazonaws.com (" + e.getReason() + ")";
        }
    }

    @Override
    public String toString() {
        return "an http:// or https:// URL, or empty for the regional AWS endpoint";
    }
}
