package io.inlet.common.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.Request;
import org.opensearch.client.RestHighLevelClient;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Requests signed by the interceptor, as a local HTTP server receives them: the headers, the payload hash,
 * and the signature recomputed here by hand from what arrived (canonical request, string to sign, HMAC chain).
 */
class AwsSigV4InterceptorTest {

    private static final String ACCESS_KEY = "AKIDEXAMPLE";
    private static final String SECRET_KEY = "secret";
    private static final String REGION = "eu-west-1";
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
                    + " SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})");
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    /** A bulk body with non-ASCII text and significant whitespace, sent as is. */
    private static final byte[] BODY = ("{\"index\":{\"_index\":\"orders\",\"_id\":\"1\"}}\n"
            + "{\"customer\":\"Zoë Ångström\",  \"note\":\"naïve café ☕ 東京\"}\n").getBytes(StandardCharsets.UTF_8);

    private record Received(String method, URI uri, Headers headers, byte[] body) {
        String header(String name) {
            List<String> values = headers.get(name);
            return values == null ? null : String.join(",", values);
        }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private HttpServer server;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI(),
                    exchange.getRequestHeaders(), body));
            byte[] answer = "{\"took\":1,\"errors\":false,\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void signsAPostForAmazonOpenSearchService() throws Exception {
        Received r = send(connection("es"));

        assertArrayEquals(BODY, r.body(), "the body arrives unchanged");
        assertSigned(r, "es");
    }

    @Test
    void signsAPostForOpenSearchServerless() throws Exception {
        Received r = send(connection("aoss"));

        assertArrayEquals(BODY, r.body());
        assertSigned(r, "aoss");
    }

    @Test
    void hashesTheGzippedBytesThatAreSentWhenCompressionIsOn() throws Exception {
        Received r = send(connection("es").withCompression(true));

        assertEquals("gzip", r.header("Content-Encoding"));
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
            assertArrayEquals(BODY, in.readAllBytes(), "the received body is the gzipped request body");
        }
        assertSigned(r, "es");
        assertTrue(signedHeaders(r).contains("content-encoding"), "the content encoding is signed");
    }

    @Test
    void signsARequestWithoutBodyWithTheHashOfNothing() throws Exception {
        try (RestHighLevelClient client = client(connection("es"))) {
            client.getLowLevelClient().performRequest(new Request("GET", "/_cluster/health"));
        }
        Received r = next();

        assertEquals(0, r.body().length);
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", r.header("x-amz-content-sha256"));
        assertSigned(r, "es");
    }

    @Test
    void signsAPathAndParametersThatNeedEncoding() throws Exception {
        try (RestHighLevelClient client = client(connection("es"))) {
            Request request = new Request("POST", "/logs-*,metrics/_doc/a%20b%2Fc");
            request.addParameter("q", "name:Zoë & co");
            request.addParameter("routing", "a=b");
            request.setEntity(new NByteArrayEntity(BODY, ContentType.APPLICATION_JSON));
            client.getLowLevelClient().performRequest(request);
        }
        Received r = next();

        assertEquals("/logs-*,metrics/_doc/a%20b%2Fc", r.uri().getRawPath());
        assertSigned(r, "es");
    }

    @Test
    void signsTheSessionTokenOfTemporaryCredentials() throws Exception {
        try (RestHighLevelClient client = OpenSearchClients.create(connection("es"), StaticCredentialsProvider.create(
                AwsSessionCredentials.create(ACCESS_KEY, SECRET_KEY, "session-token")))) {
            client.getLowLevelClient().performRequest(new Request("GET", "/"));
        }
        Received r = next();

        assertEquals("session-token", r.header("X-Amz-Security-Token"));
        assertTrue(signedHeaders(r).contains("x-amz-security-token"), signedHeaders(r).toString());
        assertSigned(r, "es");
    }

    private OpenSearchConnection connection(String service) {
        return OpenSearchConnection.of("http://127.0.0.1:" + server.getAddress().getPort()).withAwsSigV4(REGION, service);
    }

    private static RestHighLevelClient client(OpenSearchConnection c) {
        return OpenSearchClients.create(c,
                StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)));
    }

    /** POSTs {@link #BODY} to {@code /orders/_bulk?refresh=wait_for&timeout=1m} and returns what the server got. */
    private Received send(OpenSearchConnection c) throws Exception {
        try (RestHighLevelClient client = client(c)) {
            Request request = new Request("POST", "/orders/_bulk");
            request.addParameter("timeout", "1m");
            request.addParameter("refresh", "wait_for");
            request.setEntity(new NByteArrayEntity(BODY, ContentType.create("application/x-ndjson", StandardCharsets.UTF_8)));
            client.getLowLevelClient().performRequest(request);
        }
        Received r = next();
        assertEquals("POST", r.method());
        assertEquals("/orders/_bulk", r.uri().getRawPath());
        return r;
    }

    private Received next() throws InterruptedException {
        Received r = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(r, "the server received no request");
        return r;
    }

    private static List<String> signedHeaders(Received r) {
        Matcher m = AUTHORIZATION.matcher(r.header("Authorization"));
        assertTrue(m.matches(), r.header("Authorization"));
        return List.of(m.group(5).split(";"));
    }

    private static void assertSigned(Received r, String service) throws Exception {
        String authorization = r.header("Authorization");
        assertNotNull(authorization, "no Authorization header");
        String amzDate = r.header("X-Amz-Date");
        assertNotNull(amzDate, "no X-Amz-Date header");
        Instant signedAt = LocalDateTime.parse(amzDate, AMZ_DATE).toInstant(ZoneOffset.UTC);
        assertTrue(Duration.between(signedAt, Instant.now()).abs().compareTo(Duration.ofMinutes(5)) < 0,
                "X-Amz-Date " + amzDate + " is the time of signing");
        String date = amzDate.substring(0, 8);

        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY + "/" + date + "/" + REGION
                + "/" + service + "/aws4_request"), authorization);
        Matcher m = AUTHORIZATION.matcher(authorization);
        assertTrue(m.matches(), authorization);
        List<String> signed = List.of(m.group(5).split(";"));
        assertTrue(signed.containsAll(List.of("host", "x-amz-date", "x-amz-content-sha256")), signed.toString());
        assertEquals(signed.stream().sorted().toList(), signed, "signed headers are sorted");

        String payloadHash = sha256Hex(r.body());
        assertEquals(payloadHash, r.header("x-amz-content-sha256"), "x-amz-content-sha256 is the hash of the bytes received");

        String expected = signature(r, signed, payloadHash, amzDate, date, service);
        assertEquals(expected, m.group(6), "the signature recomputed from the received request");
    }

    /** SigV4 by hand: canonical request, string to sign, then the HMAC chain of the signing key. */
    private static String signature(Received r, List<String> signedHeaders, String payloadHash, String amzDate,
                                    String date, String service) throws Exception {
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String name : signedHeaders) {
            String value = r.header(name);
            assertNotNull(value, "signed header " + name + " did not arrive");
            canonicalHeaders.append(name).append(':').append(value.strip().replaceAll(" +", " ")).append('\n');
        }
        String canonicalRequest = String.join("\n",
                r.method(),
                canonicalPath(r.uri().getRawPath()),
                canonicalQuery(r.uri().getRawQuery()),
                canonicalHeaders.toString(),
                String.join(";", signedHeaders),
                payloadHash);
        String scope = date + "/" + REGION + "/" + service + "/aws4_request";
        String stringToSign = String.join("\n", "AWS4-HMAC-SHA256", amzDate, scope,
                sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8)));

        byte[] key = hmac(("AWS4" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, REGION);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return HexFormat.of().formatHex(hmac(key, stringToSign));
    }

    /**
     * The path as received, each segment URI-encoded once more (so twice in all, as every AWS service but S3
     * expects): what the service computes on its side.
     */
    private static String canonicalPath(String rawPath) {
        return Arrays.stream(rawPath.split("/", -1)).map(AwsSigV4InterceptorTest::uriEncode)
                .collect(Collectors.joining("/"));
    }

    /** Parameters decoded, encoded again, and sorted by name then value. */
    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        TreeMap<String, List<String>> params = new TreeMap<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.computeIfAbsent(uriEncode(name), k -> new ArrayList<>()).add(uriEncode(value));
        }
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            e.getValue().stream().sorted().forEach(v -> out.add(e.getKey() + "=" + v));
        }
        return String.join("&", out);
    }

    /** RFC 3986 percent-encoding of everything but unreserved characters. */
    private static String uriEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256Hex(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
