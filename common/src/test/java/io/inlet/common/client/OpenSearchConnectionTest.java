package io.inlet.common.client;

import io.inlet.common.config.AuthType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenSearchConnectionTest {

    private static final String PASSWORD = "s3cr3t-Pa55";
    private static final String STORE_PASSWORD = "st0re-Pa55";

    @Test
    void plainConnectionDefaults() {
        OpenSearchConnection c = OpenSearchConnection.of("http://localhost:9200", "http://other:9200");

        assertEquals(List.of("http://localhost:9200", "http://other:9200"), c.hosts());
        assertEquals(AuthType.NONE, c.auth());
        assertNull(c.username());
        assertNull(c.password());
        assertEquals("PKCS12", c.truststoreType());
        assertEquals("es", c.awsService());
        assertTrue(c.hostnameVerification());
        assertEquals(5_000, c.connectTimeoutMs());
        assertEquals(60_000, c.socketTimeoutMs());
        assertFalse(c.compression());
    }

    @Test
    void toStringHidesTheBasicAuthPassword() {
        OpenSearchConnection c = OpenSearchConnection.of("https://localhost:9200").withBasicAuth("admin", PASSWORD);

        String text = c.toString();
        assertFalse(text.contains(PASSWORD), text);
        assertTrue(text.contains("password=[hidden]"), text);
        assertTrue(text.contains("username=admin"), text);
        assertTrue(text.contains("auth=BASIC"), text);
        assertEquals(PASSWORD, c.password(), "the accessor still gives the password to the client");
    }

    @Test
    void toStringHidesTheTruststorePassword() {
        OpenSearchConnection c = OpenSearchConnection.of("https://localhost:9200")
                .withBasicAuth("admin", PASSWORD)
                .withTruststore(Path.of("/etc/inlet/trust.p12"), STORE_PASSWORD, "PKCS12", true);

        String text = c.toString();
        assertFalse(text.contains(PASSWORD), text);
        assertFalse(text.contains(STORE_PASSWORD), text);
        assertTrue(text.contains("truststorePassword=[hidden]"), text);
        assertTrue(text.contains("truststore=/etc/inlet/trust.p12"), text);
    }

    @Test
    void toStringHidesPasswordsAfterEveryChange() {
        OpenSearchConnection base = OpenSearchConnection.of("https://localhost:9200")
                .withBasicAuth("admin", PASSWORD)
                .withTruststore(Path.of("trust.jks"), STORE_PASSWORD, "JKS", false);
        List<OpenSearchConnection> variants = new ArrayList<>(List.of(
                base,
                base.withTimeouts(1, 2),
                base.withCompression(true),
                base.withCaPem(Path.of("ca.pem"), true)));

        for (OpenSearchConnection c : variants) {
            String text = c.toString();
            assertFalse(text.contains(PASSWORD), text);
            assertFalse(text.contains(STORE_PASSWORD), text);
        }
    }

    @Test
    void toStringShowsWhatHelpsToDiagnose() {
        OpenSearchConnection c = OpenSearchConnection.of("https://search-x.eu-west-1.es.amazonaws.com")
                .withAwsSigV4("eu-west-1", "aoss").withTimeouts(1_000, 2_000).withCompression(true);

        String text = c.toString();
        assertTrue(text.contains("hosts=[https://search-x.eu-west-1.es.amazonaws.com]"), text);
        assertTrue(text.contains("auth=AWS_SIGV4"), text);
        assertTrue(text.contains("awsRegion=eu-west-1"), text);
        assertTrue(text.contains("awsService=aoss"), text);
        assertTrue(text.contains("connectTimeoutMs=1000"), text);
        assertTrue(text.contains("socketTimeoutMs=2000"), text);
        assertTrue(text.contains("compression=true"), text);
        assertFalse(text.contains("password"), text);
    }

    @Test
    void refusesNoHosts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, OpenSearchConnection::of);

        assertTrue(e.getMessage().contains("opensearch.hosts is empty"), e.getMessage());
        assertTrue(e.getMessage().contains("http://localhost:9200"), "it shows an example: " + e.getMessage());
    }

    @Test
    void refusesAnEmptyHostList() {
        assertThrows(IllegalArgumentException.class, () -> new OpenSearchConnection(List.of(),
                AuthType.NONE, null, null, null, null, null, null, true, null, null, 1, 1, false));
    }

    @Test
    void refusesAMissingAuthType() {
        assertThrows(NullPointerException.class, () -> new OpenSearchConnection(List.of("http://localhost:9200"),
                null, null, null, null, null, null, null, true, null, null, 1, 1, false));
    }

    @Test
    void keepsAnImmutableCopyOfTheHosts() {
        List<String> hosts = new ArrayList<>(List.of("http://a:9200"));
        OpenSearchConnection c = new OpenSearchConnection(hosts, AuthType.NONE, null, null, null,
                null, null, null, true, null, null, 1, 1, false);
        hosts.add("http://b:9200");

        assertEquals(List.of("http://a:9200"), c.hosts());
        assertThrows(UnsupportedOperationException.class, () -> c.hosts().add("http://c:9200"));
    }

    @Test
    void trustFromAPemOrATruststoreButNotBoth() {
        OpenSearchConnection store = OpenSearchConnection.of("https://localhost:9200")
                .withTruststore(Path.of("trust.p12"), STORE_PASSWORD, "PKCS12", true);
        OpenSearchConnection pem = store.withCaPem(Path.of("ca.pem"), false);

        assertEquals(Path.of("ca.pem"), pem.caPem());
        assertNull(pem.truststore());
        assertNull(pem.truststorePassword());
        assertFalse(pem.hostnameVerification());

        OpenSearchConnection backToStore = pem.withTruststore(Path.of("trust.jks"), STORE_PASSWORD, "JKS", true);
        assertNull(backToStore.caPem());
        assertEquals("JKS", backToStore.truststoreType());
    }

    @Test
    void awsSigV4DropsBasicCredentials() {
        OpenSearchConnection c = OpenSearchConnection.of("https://localhost:9200")
                .withBasicAuth("admin", PASSWORD).withAwsSigV4("us-east-1", null);

        assertEquals(AuthType.AWS_SIGV4, c.auth());
        assertNull(c.username());
        assertNull(c.password());
        assertEquals("es", c.awsService(), "es is the default service");
    }
}
