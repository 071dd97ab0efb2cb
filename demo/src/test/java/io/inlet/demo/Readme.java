package io.inlet.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands in README.md's code blocks: every fenced block in {@code bash}, {@code sh} or no language
 * (JSON and other blocks are examples of data, not commands), one entry per command, with continuation
 * lines ({@code \}) joined and trailing {@code # comments} removed.
 */
record Readme(List<String> commands) {

    static Readme load(Path file) throws IOException {
        List<String> commands = new ArrayList<>();
        boolean inBlock = false;
        boolean commandBlock = false;
        StringBuilder pending = new StringBuilder();
        for (String raw : Files.readAllLines(file)) {
            String line = raw.strip();
            if (line.startsWith("```")) {
                if (!inBlock) {
                    String lang = line.substring(3).strip();
                    commandBlock = lang.isEmpty() || lang.equals("bash") || lang.equals("sh") || lang.equals("shell");
                }
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || !commandBlock) {
                continue;
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String command = normalize(pending.toString());
            pending.setLength(0);
            if (!command.isEmpty()) {
                commands.add(command);
            }
        }
        return new Readme(List.copyOf(commands));
    }

    /** Whitespace collapsed and a trailing comment removed, so a command compares equal however it is laid out. */
    static String normalize(String command) {
        String c = command.strip();
        int hash = c.indexOf(" #");
        if (c.startsWith("#")) {
            return "";
        }
        if (hash >= 0) {
            c = c.substring(0, hash);
        }
        return c.replaceAll("\\s+", " ").strip();
    }

    /** The command as the README writes it; fails when the README no longer has it. */
    String require(String command) {
        String c = normalize(command);
        if (!commands.contains(c)) {
            throw new AssertionError("README.md has no command block line '" + c + "'; its commands are " + commands);
        }
        return c;
    }
}
