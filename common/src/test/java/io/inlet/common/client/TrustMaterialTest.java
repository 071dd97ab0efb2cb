package io.inlet.common.client;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensearch.client.Request;
import org.opensearch.client.RestHighLevelClient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trust material from files made by the JDK's keytool: a PEM bundle, a PKCS12 truststore, and the mistakes
 * users make with them. A TLS server on 127.0.0.1 shows which certificates the client trusts.
 */
class TrustMaterialTest {

    private static final String STORE_PASSWORD = "changeit";

    @TempDir
    static Path dir;
    private static Path serverOne;
    private static Path serverTwo;
    private static Path certOne;
    private static Path certTwo;

    private HttpsServer server;

    @BeforeAll
    static void makeCertificates() throws Exception {
        serverOne = dir.resolve("server-1.p12");
        serverTwo = dir.resolve("server-2.p12");
        certOne = dir.resolve("server-1.pem");
        certTwo = dir.resolve("server-2.pem");
        keyPair(serverOne, "CN=inlet-test-1");
        keyPair(serverTwo, "CN=inlet-test-2");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverOne.toString(),
                "-storepass", STORE_PASSWORD, "-file", certOne.toString());
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", serverTwo.toString(),
                "-storepass", STORE_PASSWORD, "-file", certTwo.toString());
    }

    private static void keyPair(Path store, String name) throws Exception {
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", name,
                "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, p.exitValue(), () -> "keytool " + String.join(" ", args) + " failed: " + output);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static OpenSearchConnection https() {
        return OpenSearchConnection.of("https://127.0.0.1:9200");
    }

    @Test
    void noTrustMaterialMeansTheJvmDefault() {
        assertNull(TrustMaterial.sslContext(https()));
    }

    @Test
    void loadsAPemBundleOfTwoCertificates() throws Exception {
        Path bundle = dir.resolve("bundle.pem");
        Files.writeString(bundle, Files.readString(certOne) + Files.readString(certTwo));

        assertNotNull(TrustMaterial.sslContext(https().withCaPem(bundle, true)));

        // both certificates of the bundle are trusted, each by a TLS server presenting it
        assertEquals(200, get(startServer(serverOne), https().withCaPem(bundle, true)));
        stopServer();
        assertEquals(200, get(startServer(serverTwo), https().withCaPem(bundle, true)));
    }

    @Test
    void aServerOutsideThePemIsNotTrusted() throws Exception {
        int port = startServer(serverTwo);

        IOException e = assertThrows(IOException.class, () -> get(port, https().withCaPem(certOne, true)));
        assertTrue(hasCause(e, SSLHandshakeException.class), e.toString());
    }

    @Test
    void loadsAPkcs12Truststore() throws Exception {
        Path store = truststore("right-password");

        assertNotNull(TrustMaterial.sslContext(https().withTruststore(store, "right-password", "PKCS12", true)));
        assertEquals(200, get(startServer(serverOne), https().withTruststore(store, "right-password", "PKCS12", true)));
    }

    @Test
    void anEmptyPemFileIsRefusedNamingTheSetting() throws Exception {
        Path empty = Files.createFile(dir.resolve("empty.pem"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustMaterial.sslContext(https().withCaPem(empty, true)));
        assertTrue(e.getMessage().contains("opensearch.tls.ca.pem=" + empty), e.getMessage());
        assertTrue(e.getMessage().contains("holds no certificate"), e.getMessage());
    }

    @Test
    void aPemFileWithoutCertificatesIsRefused() throws Exception {
        Path notPem = dir.resolve("not.pem");
        Files.writeString(notPem, "-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustMaterial.sslContext(https().withCaPem(notPem, true)));
        assertTrue(e.getMessage().contains(notPem.toString()), e.getMessage());
    }

    @Test
    void aMissingPemFileIsRefusedNamingTheSetting() {
        Path missing = dir.resolve("missing.pem");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustMaterial.sslContext(https().withCaPem(missing, true)));
        assertTrue(e.getMessage().contains("opensearch.tls.ca.pem=" + missing), e.getMessage());
    }

    @Test
    void aTruststoreWithTheWrongPasswordSaysToCheckThePassword() throws Exception {
        Path store = truststore("right-password");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrustMaterial.sslContext(https().withTruststore(store, "wrong-password", "PKCS12", true)));
        assertTrue(e.getMessage().contains("opensearch.tls.truststore.path=" + store), e.getMessage());
        assertTrue(e.getMessage().contains("check the password"), e.getMessage());
        assertTrue(e.getMessage().contains("opensearch.tls.truststore.password"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-password"), "the password itself is not shown: " + e.getMessage());
    }

    /** A PKCS12 truststore holding the first server's certificate. */
    private static Path truststore(String password) throws Exception {
        Path store = Files.createTempFile(dir, "trust-", ".p12");
        Files.delete(store);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", certOne.toString(), "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        return store;
    }

    /** An HTTPS server on 127.0.0.1 presenting the key pair in {@code keyStore}; returns its port. */
    private int startServer(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, STORE_PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STORE_PASSWORD.toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(ssl));
        server.createContext("/", exchange -> {
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int get(int port, OpenSearchConnection trust) throws IOException {
        OpenSearchConnection c = new OpenSearchConnection(List.of("https://127.0.0.1:" + port), trust.auth(), null,
                null, trust.truststore(), trust.truststorePassword(), trust.truststoreType(), trust.caPem(),
                trust.hostnameVerification(), null, null, 5_000, 10_000, false);
        try (RestHighLevelClient client = OpenSearchClients.create(c)) {
            return client.getLowLevelClient().performRequest(new Request("GET", "/")).getStatusLine().getStatusCode();
        }
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
