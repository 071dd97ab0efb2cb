package io.inlet.services;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The shared services of one JVM (one test run of a module): each is started on first use, reused by
 * every test after that, and stopped when the JVM exits. {@link #warmUp} starts several in parallel.
 * Tests that need a service of their own (stopped, restarted or reconfigured) start it directly
 * through {@link OpenSearchNode#start}, {@link EmbeddedKafkaConnect#start} or {@link NodeService}.
 */
public final class Services {

    public enum Kind { OPENSEARCH_3, OPENSEARCH_2, OPENSEARCH_2_SECURE, KAFKA_CONNECT, KINESIS, DYNAMODB }

    private static final Map<Kind, CompletableFuture<? extends AutoCloseable>> STARTED = new ConcurrentHashMap<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Services::stopAll, "inlet-services-shared-stop"));
    }

    private Services() {
    }

    public static OpenSearchNode openSearch3() {
        return get(Kind.OPENSEARCH_3);
    }

    public static OpenSearchNode openSearch2() {
        return get(Kind.OPENSEARCH_2);
    }

    /** OpenSearch 2.19.x with the security plugin: TLS with demo certificates, basic auth as admin. */
    public static OpenSearchNode openSearch2Secure() {
        return get(Kind.OPENSEARCH_2_SECURE);
    }

    /** One broker and one distributed Connect worker, in this JVM. */
    public static EmbeddedKafkaConnect kafkaConnect() {
        return get(Kind.KAFKA_CONNECT);
    }

    public static NodeService kinesis() {
        return get(Kind.KINESIS);
    }

    public static NodeService dynamo() {
        return get(Kind.DYNAMODB);
    }

    /** Starts the given services in parallel and waits for all; the first failure is thrown with its log tail. */
    public static void warmUp(Kind... kinds) {
        CompletableFuture<?>[] all = new CompletableFuture<?>[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            all[i] = future(kinds[i]);
        }
        try {
            CompletableFuture.allOf(all).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T get(Kind kind) {
        try {
            return (T) future(kind).join();
        } catch (CompletionException e) {
            throw unwrap(e);
        }
    }

    private static CompletableFuture<? extends AutoCloseable> future(Kind kind) {
        return STARTED.computeIfAbsent(kind, k -> CompletableFuture.supplyAsync(starter(k)));
    }

    private static Supplier<AutoCloseable> starter(Kind kind) {
        return switch (kind) {
            case OPENSEARCH_3 -> () -> OpenSearchNode.start(OpenSearchSpec.v3());
            case OPENSEARCH_2 -> () -> OpenSearchNode.start(OpenSearchSpec.v2());
            case OPENSEARCH_2_SECURE -> () -> OpenSearchNode.start(OpenSearchSpec.v2Secure());
            case KAFKA_CONNECT -> () -> EmbeddedKafkaConnect.start(1, Map.of());
            case KINESIS -> NodeService::kinesis;
            case DYNAMODB -> NodeService::dynamo;
        };
    }

    private static RuntimeException unwrap(CompletionException e) {
        Throwable c = e.getCause();
        return c instanceof RuntimeException re ? re : new ServiceStartException(String.valueOf(c), c);
    }

    private static void stopAll() {
        STARTED.values().parallelStream().forEach(f -> {
            try {
                AutoCloseable c = f.getNow(null);
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // stopping at exit: nothing left to report to
            }
        });
    }
}
