package io.inlet.demo;

import io.inlet.services.Workspace;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What a running demo tells the other subcommands ({@code status}, {@code pause}, {@code resume},
 * {@code stop}): its pid, mode and URLs, in {@code <work>/stack/demo.properties}.
 */
final class StackFile {

    private StackFile() {
    }

    static Path path() {
        return Workspace.detect().work().resolve("stack/demo.properties");
    }

    static void write(Properties p) throws IOException {
        Files.createDirectories(path().getParent());
        try (Writer w = Files.newBufferedWriter(path())) {
            p.store(w, "written by bin/inlet; removed when the demo stops");
        }
    }

    /** The running demo's properties; fails with a clear message when no demo runs. */
    static Properties read() throws IOException {
        Path f = path();
        if (!Files.exists(f)) {
            throw new IllegalStateException("No demo is running (no " + f + "): start one with bin/inlet");
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(f)) {
            p.load(r);
        }
        long pid = Long.parseLong(p.getProperty("pid"));
        if (ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
            Files.deleteIfExists(f);
            throw new IllegalStateException("The demo (pid " + pid + ") is no longer running: start one with bin/inlet");
        }
        return p;
    }

    static void remove() {
        try {
            Files.deleteIfExists(path());
        } catch (IOException ignored) {
            // nothing to clean
        }
    }
}
