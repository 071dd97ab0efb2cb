package io.inlet.services;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * OpenSearch refuses to run as root. When this JVM runs as root, servers are started as the
 * unprivileged system user {@value #USER} (created once, if missing) through {@code runuser}, and the
 * folders they write to are handed to that user.
 */
public final class RunAs {

    public static final String USER = "inlet";

    private RunAs() {
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The command, wrapped in {@code runuser -u inlet --} when running as root. */
    public static List<String> wrap(List<String> command) {
        if (!isRoot()) {
            return command;
        }
        ensureUser();
        List<String> wrapped = new ArrayList<>(List.of("runuser", "-u", USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands a folder (recursively) to the unprivileged user; nothing to do when not root. */
    public static void own(Path dir) {
        if (isRoot()) {
            ensureUser();
            run(List.of("chown", "-R", USER + ":" + USER, dir.toString()));
        }
    }

    private static volatile boolean userChecked;

    static synchronized void ensureUser() {
        if (userChecked) {
            return;
        }
        if (run(List.of("id", "-u", USER)) != 0) {
            int rc = run(List.of("useradd", "--system", "--user-group", "--no-create-home", "--shell", "/usr/sbin/nologin", USER));
            if (rc != 0 && run(List.of("id", "-u", USER)) != 0) {
                throw new ServiceStartException("OpenSearch can't run as root and the user '" + USER
                        + "' could not be created (useradd exited " + rc + "): create it with"
                        + " 'useradd --system --user-group --no-create-home " + USER + "'");
            }
        }
        userChecked = true;
    }

    static int run(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return -1;
            }
            return p.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
