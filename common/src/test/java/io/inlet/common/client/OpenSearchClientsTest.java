package io.inlet.common.client;

import io.inlet.common.config.HttpHostList;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.apache.http.HttpHost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSearchClientsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "http://localhost:9200,            http,  localhost,        9200",
            "https://search.example.com:9243,  https, search.example.com, 9243",
            "http://opensearch,                http,  opensearch,       80",
            "https://search.example.com,       https, search.example.com, 443",
            "https://search.example.com/,      https, search.example.com, 443",
            "'  http://10.0.0.1:9200  ',       http,  10.0.0.1,         9200",
            "http://[::1]:9200,                http,  [::1],            9200",
            "HTTPS://search.example.com,       https, search.example.com, 443",
            "Http://localhost:9200,            http,  localhost,        9200",
    })
    void readsSchemeHostAndPort(String url, String scheme, String host, int port) {
        HttpHost h = OpenSearchClients.host(url);

        assertEquals(scheme, h.getSchemeName());
        assertEquals(host, h.getHostName());
        assertEquals(port, h.getPort());
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"localhost:9200", "localhost", "//localhost:9200", "http:/localhost", ""})
    void refusesWhatIsNotAnHttpUrlWithAHost(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSearchClients.host(url));

        assertTrue(e.getMessage().startsWith("opensearch.hosts: '" + url + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("write http://host:9200 or https://host:9200"), e.getMessage());
    }

    @Test
    void refusesTextThatIsNotAUrl() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpenSearchClients.host("http://local host:9200"));

        assertEquals("opensearch.hosts: 'http://local host:9200' is not a URL; write http://host:9200 or"
                + " https://host:9200", e.getMessage());
    }

    @Test
    void acceptsEveryHostTheSettingsAccept() {
        for (URI uri : HttpHostList.parse(List.of(
                "http://a:9200", "HTTPS://b:9243", "Http://c:80/"))) {
            HttpHost h = OpenSearchClients.host(uri.toString());
            assertEquals(uri.getScheme().toLowerCase(Locale.ROOT), h.getSchemeName());
            assertEquals(uri.getPort(), h.getPort());
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ftp://localhost:9200", "ws://localhost:9200", "HTTPX://localhost", "file:///tmp/x"})
    void refusesOtherSchemes(String url) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpenSearchClients.host(url));

        assertEquals("opensearch.hosts: '" + url + "' is not an http(s) URL with a host; write http://host:9200 or"
                + " https://host:9200", e.getMessage());
    }
}
