package io.inlet.services;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps track of every local process this JVM started: stops them all from a shutdown hook, and
 * writes a pid file for each under {@code <work>/pids} naming this JVM as owner, so that a later run
 * kills the processes of an owner that died without running its hooks (kill -9, a crashed fork).
 */
public final class ProcessRegistry {

    private static final ProcessRegistry INSTANCE = new ProcessRegistry(Workspace.detect().work().resolve("pids"));

    private final Path dir;
    private final List<LocalProcess> live = new CopyOnWriteArrayList<>();

    private ProcessRegistry(Path dir) {
        this.dir = dir;
        reapOrphans();
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll, "inlet-services-stop"));
    }

    public static ProcessRegistry get() {
        return INSTANCE;
    }

    void register(LocalProcess p) {
        live.add(p);
        try {
            Files.createDirectories(dir);
            ProcessHandle self = ProcessHandle.current();
            ProcessHandle child = ProcessHandle.of(p.pid()).orElseThrow();
            String line = self.pid() + " " + started(self) + " " + p.pid() + " " + started(child) + " " + p.name() + "\n";
            Files.writeString(pidFile(p), line, StandardCharsets.UTF_8);
        } catch (IOException e) {
            // the in-memory registry still stops it at exit
        }
    }

    void unregister(LocalProcess p) {
        live.remove(p);
        try {
            Files.deleteIfExists(pidFile(p));
        } catch (IOException ignored) {
            // best effort
        }
    }

    private Path pidFile(LocalProcess p) {
        return dir.resolve(p.pid() + ".pid");
    }

    /** Stops every process still registered, newest first. */
    public void stopAll() {
        List<LocalProcess> all = new ArrayList<>(live);
        java.util.Collections.reverse(all);
        all.parallelStream().forEach(p -> p.stop(Duration.ofSeconds(15)));
    }

    private static long started(ProcessHandle h) {
        return h.info().startInstant().map(java.time.Instant::toEpochMilli).orElse(-1L);
    }

    /** True when the pid still belongs to the process that started at that time (pids get reused). */
    private static boolean isSame(long pid, long startMillis) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> started(h) == startMillis).orElse(false);
    }

    private void reapOrphans() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.pid")) {
            for (Path f : files) {
                String[] parts = Files.readString(f).trim().split(" ", 5);
                if (isSame(Long.parseLong(parts[0]), Long.parseLong(parts[1]))) {
                    continue; // its owner still runs (another test JVM): leave it alone
                }
                long child = Long.parseLong(parts[2]);
                long childStart = Long.parseLong(parts[3]);
                Optional<ProcessHandle> h = ProcessHandle.of(child).filter(ph -> started(ph) == childStart);
                h.ifPresent(ph -> {
                    ph.descendants().forEach(ProcessHandle::destroyForcibly);
                    ph.destroyForcibly();
                });
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            // a malformed pid file is not worth failing a run for
        }
    }
}
