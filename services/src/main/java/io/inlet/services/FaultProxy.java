package io.inlet.services;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP proxy on 127.0.0.1 that Inlet's workers reach OpenSearch through in fault-injection runs: it forwards
 * bytes both ways until told to inject a fault, switched live with {@link #mode(Mode)}.
 *
 * <p>Mode changes act on the connections already open as well as on new ones: between {@link Mode#PASS} and
 * {@link Mode#LATENCY} they stay open; entering {@link Mode#BLACKHOLE} stalls them; entering {@link Mode#RESET},
 * and leaving {@link Mode#BLACKHOLE}, resets them (RST); any other change closes them, so that clients reconnect
 * and meet the new mode. Each connection takes up to four daemon threads named {@code fault-proxy-<name>-…};
 * {@link #close()} closes every socket and waits for every thread to end.
 */
public final class FaultProxy implements AutoCloseable {

    /** What the proxy does with the traffic. */
    public enum Mode {
        /** Forwards bytes both ways. */
        PASS,
        /** Forwards bytes both ways, each chunk held for {@link #latency(Duration)} after it was read, in order. */
        LATENCY,
        /**
         * A silent network cut: open connections stay open but nothing more is forwarded either way, and new
         * connections are accepted and then left hanging. Leaving this mode resets every connection that lived
         * through it (what was held back is lost, so the streams can't go on), and clients reconnect.
         */
        BLACKHOLE,
        /** Resets every open connection at once, and every new one right after it is accepted. */
        RESET,
        /**
         * An overloaded OpenSearch: open connections are closed; new ones never reach the target, the proxy reads
         * each HTTP/1.1 request itself and answers {@code 429 Too Many Requests} with OpenSearch's rejection body,
         * keeping the connection alive unless the request says {@code Connection: close}.
         */
        TOO_MANY_REQUESTS
    }

    private static final Logger LOG = LoggerFactory.getLogger(FaultProxy.class);
    private static final int CHUNK_BYTES = 16 * 1024;
    private static final int QUEUED_CHUNKS = 64; // up to 1 MiB in flight each way while LATENCY holds it
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long JOIN_MILLIS = 5_000;

    private final String name;
    private final InetSocketAddress target;
    private final ServerSocket server;
    private final Object lock = new Object();
    private final Set<Connection> open = new HashSet<>(); // guarded by lock
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile Mode mode = Mode.PASS; // written under lock
    private volatile long latencyNanos;
    private boolean closed; // guarded by lock
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong resets = new AtomicLong();
    private final AtomicLong answered429 = new AtomicLong();

    private FaultProxy(String name, InetSocketAddress target, ServerSocket server) {
        this.name = name;
        this.target = target;
        this.server = server;
    }

    /** Starts a proxy in {@link Mode#PASS} on a free port of 127.0.0.1, forwarding to {@code targetHost:targetPort}. */
    public static FaultProxy start(String name, String targetHost, int targetPort) {
        FaultProxy proxy = new FaultProxy(name, new InetSocketAddress(targetHost, targetPort), listen(name));
        proxy.spawn("accept", proxy::acceptLoop);
        LOG.info("Fault proxy {} listens on 127.0.0.1:{} for {}:{}", name, proxy.port(), targetHost, targetPort);
        return proxy;
    }

    private static ServerSocket listen(String name) {
        IOException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = Ports.free();
            try {
                return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                last = e; // taken between the look-up and the bind: try another
            }
        }
        throw new UncheckedIOException("Couldn't listen on 127.0.0.1 for fault proxy " + name, last);
    }

    public String name() {
        return name;
    }

    /** The port the proxy listens on, on 127.0.0.1. */
    public int port() {
        return server.getLocalPort();
    }

    /** {@code <scheme>://127.0.0.1:<port>}: where clients go instead of the target. */
    public String url(String scheme) {
        return scheme + "://127.0.0.1:" + port();
    }

    public Mode mode() {
        return mode;
    }

    /** Switches the mode now, acting on the open connections as the class documentation says. */
    public void mode(Mode next) {
        synchronized (lock) {
            Mode previous = mode;
            if (previous == next || closed) {
                return;
            }
            mode = next;
            boolean forwarding = forwards(previous) && forwards(next);
            for (Connection c : forwarding ? List.<Connection>of() : new ArrayList<>(open)) {
                if (next == Mode.BLACKHOLE) {
                    c.cut = true;
                } else if (next == Mode.RESET || previous == Mode.BLACKHOLE) {
                    reset(c);
                } else {
                    c.close(false);
                }
            }
            LOG.info("Fault proxy {}: {} -> {}", name, previous, next);
        }
    }

    private static boolean forwards(Mode m) {
        return m == Mode.PASS || m == Mode.LATENCY;
    }

    /** How long {@link Mode#LATENCY} holds each chunk; it applies to chunks read from now on. */
    public void latency(Duration latency) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("A latency can't be negative, got " + latency);
        }
        latencyNanos = latency.toNanos();
    }

    public Duration latency() {
        return Duration.ofNanos(latencyNanos);
    }

    /** Connections accepted since the start, in every mode. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections the proxy reset as a fault: in {@link Mode#RESET} and on leaving {@link Mode#BLACKHOLE}. */
    public long resets() {
        return resets.get();
    }

    /** Requests answered {@code 429} in {@link Mode#TOO_MANY_REQUESTS}. */
    public long answered429() {
        return answered429.get();
    }

    /** Connections open now. */
    public int openConnections() {
        synchronized (lock) {
            return open.size();
        }
    }

    /** Closes every socket and waits (up to a few seconds) for every thread of the proxy to end. */
    @Override
    public void close() {
        List<Connection> all;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(open);
        }
        shut(server);
        all.forEach(c -> c.close(false));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
        for (Thread t : new ArrayList<>(threads)) {
            try {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        LOG.info("Fault proxy {} closed: {} connections accepted, {} reset, {} requests answered 429",
                name, accepted(), resets(), answered429());
    }

    @Override
    public String toString() {
        return "fault proxy " + name + " (127.0.0.1:" + port() + " -> " + target.getHostString() + ":" + target.getPort()
                + ", " + mode + ")";
    }

    private void acceptLoop() {
        while (true) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                if (server.isClosed()) {
                    return;
                }
                LOG.warn("Fault proxy {} couldn't accept a connection: {}", name, e.toString());
                pause();
                continue;
            }
            accepted.incrementAndGet();
            admit(client);
        }
    }

    /** Decides, under the lock that mode changes take too, what a new connection meets. */
    private void admit(Socket client) {
        Connection c = new Connection(ids.incrementAndGet(), client);
        Mode m;
        synchronized (lock) {
            m = closed ? Mode.RESET : mode;
            if (m != Mode.RESET) {
                c.cut = m == Mode.BLACKHOLE;
                open.add(c);
            }
        }
        switch (m) {
            case RESET -> reset(c);
            case BLACKHOLE -> LOG.debug("Fault proxy {}: connection {} held (black hole)", name, c.id);
            case TOO_MANY_REQUESTS -> c.spawn("answer", () -> answer(c));
            default -> c.spawn("up-read", () -> forward(c));
        }
    }

    private void reset(Connection c) {
        if (c.close(true)) {
            resets.incrementAndGet();
        }
    }

    /** Connects to the target, starts the three other pumps, and becomes the client-to-target reader. */
    private void forward(Connection c) {
        Socket upstream = new Socket();
        if (!c.attach(upstream)) {
            return;
        }
        try {
            upstream.setTcpNoDelay(true);
            upstream.connect(target, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            if (c.close(true)) {
                LOG.debug("Fault proxy {} couldn't reach {}:{} ({}); the client's connection is reset",
                        name, target.getHostString(), target.getPort(), e.toString());
            }
            return;
        }
        BlockingQueue<Chunk> up = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        BlockingQueue<Chunk> down = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
        c.spawn("up-write", () -> write(c, upstream, up));
        c.spawn("down-read", () -> read(c, upstream, down));
        c.spawn("down-write", () -> write(c, c.client, down));
        read(c, c.client, up);
    }

    /** One chunk read and when it may be written; {@code bytes == null} is the end of the stream. */
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    private void read(Connection c, Socket from, BlockingQueue<Chunk> queue) {
        byte[] buffer = new byte[CHUNK_BYTES];
        try {
            InputStream in = from.getInputStream();
            while (true) {
                int n = in.read(buffer);
                if (c.cut) {
                    c.awaitClosed();
                    return;
                }
                long due = System.nanoTime() + (mode == Mode.LATENCY ? latencyNanos : 0);
                queue.put(new Chunk(n < 0 ? null : Arrays.copyOf(buffer, n), due));
                if (n < 0) {
                    return;
                }
            }
        } catch (IOException e) {
            c.close(true); // the peer's reset or error, passed on to the other side
        } catch (InterruptedException e) {
            // closed
        }
    }

    private void write(Connection c, Socket to, BlockingQueue<Chunk> queue) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                if (c.cut) {
                    c.awaitClosed();
                    return;
                }
                if (chunk.bytes() == null) {
                    to.shutdownOutput();
                    c.halfClosed();
                    return;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException e) {
            c.close(true);
        } catch (InterruptedException e) {
            // closed
        }
    }

    /** {@link Mode#TOO_MANY_REQUESTS}: reads requests off the connection and answers each with a 429. */
    private void answer(Connection c) {
        try {
            InputStream in = new BufferedInputStream(c.client.getInputStream());
            OutputStream out = c.client.getOutputStream();
            while (true) {
                HttpRequestHead request = HttpRequestHead.read(in);
                if (request == null) {
                    break;
                }
                if (!request.expectsContinue()) {
                    request.skipBody(in);
                }
                if (c.cut) {
                    c.awaitClosed();
                    return;
                }
                // After an unanswered "Expect: 100-continue" the client may or may not send the body: close.
                boolean keepAlive = request.keepAlive() && !request.expectsContinue();
                out.write(rejection(request, keepAlive));
                out.flush();
                answered429.incrementAndGet();
                if (!keepAlive) {
                    break;
                }
            }
            c.close(false);
        } catch (IOException e) {
            LOG.debug("Fault proxy {}: connection {} ended while answering 429: {}", name, c.id, e.toString());
            c.close(false);
        }
    }

    private byte[] rejection(HttpRequestHead request, boolean keepAlive) {
        String reason = json("rejected execution of " + request.method() + " " + request.target()
                + " (fault proxy " + name + ")");
        String body = "{\"error\":{\"root_cause\":[{\"type\":\"rejected_execution_exception\",\"reason\":" + reason
                + "}],\"type\":\"rejected_execution_exception\",\"reason\":" + reason + "},\"status\":429}";
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 429 Too Many Requests\r\n"
                + "content-type: application/json; charset=UTF-8\r\n"
                + "content-length: " + bodyBytes.length + "\r\n"
                + (keepAlive ? "" : "connection: close\r\n")
                + "\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.ISO_8859_1);
        if ("HEAD".equals(request.method())) {
            return headBytes;
        }
        byte[] all = Arrays.copyOf(headBytes, headBytes.length + bodyBytes.length);
        System.arraycopy(bodyBytes, 0, all, headBytes.length, bodyBytes.length);
        return all;
    }

    /** A JSON string literal. */
    private static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char ch : s.toCharArray()) {
            if (ch == '"' || ch == '\\') {
                b.append('\\').append(ch);
            } else if (ch < 0x20) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                b.append(ch);
            }
        }
        return b.append('"').toString();
    }

    private Thread spawn(String role, Runnable work) {
        Thread t = new Thread(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.warn("Fault proxy {}: thread {} failed", name, Thread.currentThread().getName(), e);
            } finally {
                threads.remove(Thread.currentThread());
            }
        }, "fault-proxy-" + name + "-" + role);
        t.setDaemon(true);
        threads.add(t);
        t.start();
        return t;
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shut(java.io.Closeable c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (IOException e) {
            // closing anyway
        }
    }

    private static void shut(Socket s, boolean reset) {
        if (s == null) {
            return;
        }
        if (reset) {
            try {
                s.setSoLinger(true, 0); // close() then sends RST, not FIN
            } catch (IOException e) {
                // not connected (yet): a plain close
            }
        }
        shut(s);
    }

    /** One client connection, its target connection (when it has one) and its threads. */
    private final class Connection {
        final long id;
        final Socket client;
        /** Set when a black hole swallows this connection: its threads stop forwarding and wait for the close. */
        volatile boolean cut;
        private Socket upstream; // guarded by this
        private final List<Thread> threads = new ArrayList<>(4); // guarded by this
        private int ended; // directions that reached their end, guarded by this
        private boolean closed; // guarded by this

        Connection(long id, Socket client) {
            this.id = id;
            this.client = client;
            try {
                client.setTcpNoDelay(true);
            } catch (IOException e) {
                // no matter
            }
        }

        /** Starts a thread for this connection unless it is closed already. */
        synchronized void spawn(String role, Runnable work) {
            if (!closed) {
                threads.add(FaultProxy.this.spawn(id + "-" + role, work));
            }
        }

        /** Takes the target socket before it connects, so that a close meanwhile closes it too. */
        synchronized boolean attach(Socket s) {
            if (closed) {
                shut(s);
                return false;
            }
            upstream = s;
            return true;
        }

        void halfClosed() {
            boolean both;
            synchronized (this) {
                both = ++ended == 2;
            }
            if (both) {
                close(false);
            }
        }

        synchronized void awaitClosed() {
            while (!closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Closes both sockets, with RST when {@code reset}; false when it was closed already. */
        boolean close(boolean reset) {
            Socket up;
            List<Thread> mine;
            synchronized (this) {
                if (closed) {
                    return false;
                }
                closed = true;
                notifyAll();
                up = upstream;
                mine = new ArrayList<>(threads);
            }
            synchronized (lock) {
                open.remove(this);
            }
            shut(client, reset);
            shut(up, reset);
            mine.stream().filter(t -> t != Thread.currentThread()).forEach(Thread::interrupt);
            return true;
        }
    }

    /** The head of one HTTP/1.x request, read just far enough to find where its body ends. */
    private record HttpRequestHead(String method, String target, String version, Map<String, String> headers) {

        private static final int MAX_LINE = 64 * 1024;
        private static final int MAX_HEADERS = 200;

        /** The next request's head, or null when the client closed the connection between requests. */
        static HttpRequestHead read(InputStream in) throws IOException {
            String requestLine = line(in);
            while (requestLine != null && requestLine.isEmpty()) {
                requestLine = line(in); // stray CRLF between requests is allowed
            }
            if (requestLine == null) {
                return null;
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3 || !parts[2].startsWith("HTTP/1.")) {
                throw new IOException("Not an HTTP/1.x request line: " + requestLine);
            }
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 0; ; i++) {
                String header = required(line(in));
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                if (colon <= 0 || i >= MAX_HEADERS) {
                    throw new IOException("Bad or too many headers: " + header);
                }
                headers.merge(header.substring(0, colon).trim(), header.substring(colon + 1).trim(), (a, b) -> a + "," + b);
            }
            return new HttpRequestHead(parts[0], parts[1], parts[2], headers);
        }

        boolean keepAlive() {
            Set<String> connection = tokens("Connection");
            return version.equals("HTTP/1.0") ? connection.contains("keep-alive") : !connection.contains("close");
        }

        boolean expectsContinue() {
            return tokens("Expect").contains("100-continue");
        }

        /** Reads past the body: by chunked transfer coding, else by Content-Length, else there is none. */
        void skipBody(InputStream in) throws IOException {
            if (tokens("Transfer-Encoding").contains("chunked")) {
                skipChunked(in);
            } else if (headers.containsKey("Content-Length")) {
                try {
                    skip(in, Long.parseLong(headers.get("Content-Length")));
                } catch (NumberFormatException e) {
                    throw new IOException("Bad Content-Length: " + headers.get("Content-Length"));
                }
            }
        }

        private static void skipChunked(InputStream in) throws IOException {
            while (true) {
                String sizeLine = required(line(in));
                int semicolon = sizeLine.indexOf(';'); // chunk extensions
                String hex = (semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim();
                long size;
                try {
                    size = Long.parseLong(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("Bad chunk size: " + sizeLine);
                }
                if (size == 0) {
                    while (!required(line(in)).isEmpty()) {
                        // trailer fields
                    }
                    return;
                }
                skip(in, size);
                if (!required(line(in)).isEmpty()) {
                    throw new IOException("No CRLF after a chunk of " + size + " bytes");
                }
            }
        }

        private Set<String> tokens(String header) {
            Set<String> tokens = new HashSet<>();
            for (String t : headers.getOrDefault(header, "").split(",")) {
                tokens.add(t.trim().toLowerCase(Locale.ROOT));
            }
            return tokens;
        }

        private static void skip(InputStream in, long bytes) throws IOException {
            if (bytes < 0) {
                throw new IOException("Negative body length: " + bytes);
            }
            byte[] scratch = new byte[8192];
            for (long left = bytes; left > 0; ) {
                int n = in.read(scratch, 0, (int) Math.min(scratch.length, left));
                if (n < 0) {
                    throw new EOFException("The body ended " + left + " bytes early");
                }
                left -= n;
            }
        }

        private static String required(String line) throws EOFException {
            if (line == null) {
                throw new EOFException("The request ended in its head");
            }
            return line;
        }

        /** One line without its CRLF (or bare LF), or null at the end of the stream before any byte of it. */
        private static String line(InputStream in) throws IOException {
            StringBuilder b = new StringBuilder();
            while (true) {
                int ch = in.read();
                if (ch < 0) {
                    if (b.length() == 0) {
                        return null;
                    }
                    throw new EOFException("The request ended in a line: " + b);
                }
                if (ch == '\n') {
                    int end = b.length();
                    return end > 0 && b.charAt(end - 1) == '\r' ? b.substring(0, end - 1) : b.toString();
                }
                if (b.length() >= MAX_LINE) {
                    throw new IOException("A request line longer than " + MAX_LINE + " bytes");
                }
                b.append((char) ch);
            }
        }
    }
}
