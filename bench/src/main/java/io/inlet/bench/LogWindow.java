package io.inlet.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The part of a process's log written since this window was opened (to look for e.g. an OutOfMemoryError). */
final class LogWindow {

    private final Path file;
    private final long from;

    LogWindow(Path file) {
        this.file = file;
        long size;
        try {
            size = Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            size = 0;
        }
        this.from = size;
    }

    String text() {
        try {
            if (!Files.exists(file)) {
                return "";
            }
            byte[] all = Files.readAllBytes(file);
            int start = (int) Math.min(from, all.length);
            return new String(all, start, all.length - start, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    boolean contains(String s) {
        return text().contains(s);
    }
}
