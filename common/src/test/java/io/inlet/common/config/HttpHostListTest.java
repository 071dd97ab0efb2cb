package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpHostListTest {

    private final HttpHostList rule = new HttpHostList();

    @Test
    void acceptsHttpAndHttpsUrlsWithHostAndPort() {
        assertDoesNotThrow(() -> rule.ensureValid("opensearch.hosts",
                List.of("http://localhost:9200", "https://node-2.example.com:443", "HTTPS://10.0.0.1:9200/")));
    }

    @Test
    void refusesAUrlWithoutSchemeSayingWhatToWrite() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> rule.ensureValid("opensearch.hosts", List.of("http://ok:9200", "localhost:9200")));
        assertTrue(e.getMessage().startsWith("Invalid value \"localhost:9200\" for configuration opensearch.hosts: "
                + "write http://host:9200"), e.getMessage());
    }

    @Test
    void refusesOtherSchemesMissingPortsAndPaths() {
        for (String bad : List.of("ftp://host:21", "http://host", "https://:9200", "http://host:9200/prefix",
                "http://host:9200?x=1", "not a url")) {
            ConfigException e = assertThrows(ConfigException.class,
                    () -> rule.ensureValid("opensearch.hosts", List.of(bad)), bad);
            assertTrue(e.getMessage().contains("opensearch.hosts"), e.getMessage());
            assertTrue(e.getMessage().contains("write http://host:9200"), e.getMessage());
        }
    }

    @Test
    void refusesAnEmptyList() {
        ConfigException e = assertThrows(ConfigException.class, () -> rule.ensureValid("opensearch.hosts", List.of()));
        assertTrue(e.getMessage().contains("write at least one node URL, e.g. http://host:9200"), e.getMessage());
    }

    @Test
    void refusesCredentialsInTheUrlWithoutRepeatingThem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> rule.ensureValid("opensearch.hosts", List.of("https://admin:s3cret@host:9200")));
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
        assertTrue(e.getMessage().contains("https://[hidden]@host:9200"), e.getMessage());
        assertTrue(e.getMessage().contains("opensearch.username"), e.getMessage());
        IllegalArgumentException parse = assertThrows(IllegalArgumentException.class,
                () -> HttpHostList.parse(List.of("https://admin:s3cret@host:9200")));
        assertFalse(parse.getMessage().contains("s3cret"), parse.getMessage());
    }

    @Test
    void parsesToUris() {
        assertEquals(List.of(URI.create("https://a:9200"), URI.create("http://b:9201")),
                HttpHostList.parse(List.of("https://a:9200", " http://b:9201 ")));
    }

    @Test
    void statesItsRule() {
        assertEquals("one or more URLs such as http://host:9200 or https://host:9200, separated by commas",
                rule.toString());
    }
}
