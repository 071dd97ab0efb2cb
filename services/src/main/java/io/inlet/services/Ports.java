package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

/** Free TCP ports on 127.0.0.1. */
public final class Ports {

    /**
     * Every port handed out by this JVM. The system may offer a port again as soon as it is closed, and services
     * started side by side (OpenSearch while the broker starts) take theirs only later: never hand one out twice.
     */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private Ports() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                s.setReuseAddress(true);
                port = s.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException("Couldn't find a free port on 127.0.0.1", e);
            }
            synchronized (HANDED_OUT) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("Couldn't find a free port on 127.0.0.1 not handed out before");
    }

    /**
     * Whether something listens on {@code port}. A connection to a port of the ephemeral range that nothing listens
     * on can still succeed: the system may pick that same port as the connection's own, and a TCP socket connected
     * to itself looks like a listener. That is not one.
     */
    public static boolean inUse(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return s.getLocalPort() != port;
        } catch (IOException e) {
            return false;
        }
    }

    /** Fails with a message naming the port and the service when something already listens there. */
    public static void requireFree(int port, String service) {
        if (inUse(port)) {
            throw new IllegalStateException("Port " + port + " on 127.0.0.1 is in use, so " + service
                    + " can't start there: stop what listens on it (ss -ltnp 'sport = :" + port + "') or choose another port");
        }
    }
}
