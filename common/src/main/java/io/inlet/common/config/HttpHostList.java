package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Accepts a non-empty list of OpenSearch node URLs, each {@code http://} or {@code https://} with a
 * host and an explicit port and nothing else ({@code https://node1:9200}). Credentials in a URL are
 * refused, and never repeated in the message.
 */
public final class HttpHostList implements ConfigDef.Validator {

    static final String EXAMPLE = "http://host:9200 or https://host:9200";

    @Override
    public void ensureValid(String name, Object value) {
        if (!(value instanceof List<?> hosts) || hosts.isEmpty()) {
            throw new ConfigException(name, Quote.of(value == null ? "" : value),
                    "write at least one node URL, e.g. " + EXAMPLE);
        }
        for (Object host : hosts) {
            String problem = problemWith(String.valueOf(host));
            if (problem != null) {
                throw new ConfigException(name, Quote.of(redacted(String.valueOf(host))), problem);
            }
        }
    }

    /**
     * The node URLs in {@code hosts}, parsed.
     *
     * @throws IllegalArgumentException naming the first URL that is not valid and what to write
     */
    public static List<URI> parse(List<String> hosts) {
        List<URI> uris = new ArrayList<>(hosts.size());
        for (String host : hosts) {
            String problem = problemWith(host);
            if (problem != null) {
                throw new IllegalArgumentException(Quote.of(redacted(host)) + ": " + problem);
            }
            uris.add(URI.create(host.strip()));
        }
        return List.copyOf(uris);
    }

    /** What is wrong with {@code host} and what to write instead, or null when it is a valid node URL. */
    static String problemWith(String host) {
        String hint = "write " + EXAMPLE + " (a scheme, a host and a port; several separated by commas)";
        URI uri;
        try {
            uri = new URI(host.strip());
        } catch (URISyntaxException e) {
            return hint;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return hint;
        }
        if (uri.getRawUserInfo() != null) {
            return "put credentials in opensearch.username and opensearch.password, not in the URL: " + hint;
        }
        if (uri.getHost() == null || uri.getPort() < 0) {
            return hint;
        }
        boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
                && uri.getRawQuery() == null && uri.getRawFragment() == null;
        return bare ? null : "remove the path, query or fragment: " + hint;
    }

    /** {@code host} with any user information replaced, so a password never reaches a log. */
    private static String redacted(String host) {
        int at = host.indexOf('@');
        int scheme = host.indexOf("://");
        if (at < 0) {
            return host;
        }
        return (scheme >= 0 && scheme < at ? host.substring(0, scheme + 3) : "") + "[hidden]" + host.substring(at);
    }

    @Override
    public String toString() {
        return "one or more URLs such as " + EXAMPLE + ", separated by commas";
    }
}
