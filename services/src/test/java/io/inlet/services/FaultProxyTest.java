package io.inlet.services;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FaultProxy} between a real HTTP client and a real HTTP server in this JVM, one mode at a time. */
class FaultProxyTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);

    private HttpServer server;
    private final AtomicInteger served = new AtomicInteger();
    private FaultProxy proxy;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            served.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            byte[] answer = ("served " + exchange.getRequestMethod() + " " + body.length).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        proxy = FaultProxy.start("test", "127.0.0.1", server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        proxy.close();
        server.stop(0);
    }

    @Test
    void passForwardsBothWays() throws Exception {
        HttpClient client = client();
        assertEquals("served GET 0", send(client, get()).body());
        assertEquals("served POST 5", send(client, post("hello")).body());
        assertEquals(2, served.get());
        assertEquals(1, proxy.accepted(), "one keep-alive connection");
    }

    @Test
    void latencyDelaysBothDirections() throws Exception {
        HttpClient client = client();
        send(client, get()); // connected, so the timing below is the latency, not the connect
        proxy.latency(Duration.ofMillis(250));
        proxy.mode(FaultProxy.Mode.LATENCY);
        long start = System.nanoTime();
        HttpResponse<String> r = send(client, post("slow"));
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertEquals("served POST 4", r.body());
        assertTrue(millis >= 500, "request and answer each held 250 ms, took " + millis + " ms");
        assertEquals(1, proxy.accepted(), "the open connection kept through the switch");
    }

    @Test
    void resetFailsRequestsUntilPass() throws Exception {
        send(client(), get());
        proxy.mode(FaultProxy.Mode.RESET);
        assertEquals(1, proxy.resets(), "the open connection reset");
        assertThrows(IOException.class, () -> send(client(), get()));
        assertTrue(proxy.resets() >= 2, "the new connection reset too: " + proxy.resets());
        proxy.mode(FaultProxy.Mode.PASS);
        assertEquals("served GET 0", send(client(), get()).body());
    }

    @Test
    void blackholeTimesOutUntilPass() throws Exception {
        HttpClient before = client();
        send(before, get());
        proxy.mode(FaultProxy.Mode.BLACKHOLE);
        int servedBefore = served.get();
        assertThrows(HttpTimeoutException.class, () -> send(before, post("lost")), "on the open connection");
        assertThrows(HttpTimeoutException.class, () -> send(client(), get()), "on a new connection");
        assertEquals(servedBefore, served.get());
        proxy.mode(FaultProxy.Mode.PASS);
        assertEquals(0, proxy.openConnections(), "the stalled connections reset");
        assertEquals("served GET 0", send(client(), get()).body());
    }

    @Test
    void tooManyRequestsAnswersWithoutReachingTheTarget() throws Exception {
        proxy.mode(FaultProxy.Mode.TOO_MANY_REQUESTS);
        HttpClient client = client();
        HttpResponse<String> sized = send(client, post("{\"a\":1}"));
        HttpRequest chunkedRequest = request().POST(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(new byte[40_000]))).build();
        HttpResponse<String> chunked = send(client, chunkedRequest);
        for (HttpResponse<String> r : List.of(sized, chunked)) {
            assertEquals(429, r.statusCode());
            assertTrue(r.headers().firstValue("content-type").orElse("").startsWith("application/json"));
            assertTrue(r.body().startsWith("{\"error\":{\"root_cause\":[{\"type\":\"rejected_execution_exception\","),
                    r.body());
            assertTrue(r.body().contains("\"reason\":\"rejected execution of POST /doc (fault proxy test)\""), r.body());
            assertTrue(r.body().endsWith(",\"status\":429}"), r.body());
        }
        assertEquals(0, served.get(), "the target saw none");
        assertEquals(1, proxy.accepted(), "both on one keep-alive connection");
        assertEquals(2, proxy.answered429());
    }

    @Test
    void tooManyRequestsHonoursConnectionClose() throws Exception {
        proxy.mode(FaultProxy.Mode.TOO_MANY_REQUESTS);
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
            s.setSoTimeout((int) TIMEOUT.toMillis());
            String request = "POST /_bulk HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3;ext=1\r\nabc\r\n0\r\nTrailer: t\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            String answers = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8); // to the close
            assertEquals(2, answers.split("HTTP/1.1 429 Too Many Requests\r\n", -1).length - 1, answers);
            assertTrue(answers.contains("POST /_bulk"), answers);
            assertTrue(answers.contains("connection: close\r\n"), answers);
        }
        assertEquals(2, proxy.answered429());
    }

    @Test
    void closeClosesEverySocketAndEndsEveryThread() throws Exception {
        Socket passing = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        Await.until("a forwarded connection", Duration.ofSeconds(5), () -> proxy.openConnections() == 1);
        proxy.mode(FaultProxy.Mode.BLACKHOLE);
        Socket held = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        Await.until("a held connection", Duration.ofSeconds(5), () -> proxy.openConnections() == 2);
        proxy.close();
        for (Socket s : new Socket[] {passing, held}) {
            try (s) {
                s.setSoTimeout((int) TIMEOUT.toMillis());
                assertEquals(-1, s.getInputStream().read(), "closed by the proxy");
            } catch (IOException reset) {
                // closed by the proxy too
            }
        }
        Await.until("every thread of the proxy to end", Duration.ofSeconds(2), () -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(t -> t.getName().startsWith("fault-proxy-test-")));
    }

    private static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
    }

    private HttpRequest.Builder request() {
        return HttpRequest.newBuilder(URI.create(proxy.url("http") + "/doc")).timeout(TIMEOUT);
    }

    private HttpRequest get() {
        return request().GET().build();
    }

    private HttpRequest post(String body) {
        return request().POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
