package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the services live on disk: the project root (found from {@code inlet.root} or by walking up
 * from the working directory), the server archives Maven copied to {@code services/target/dists},
 * and the work folder ({@code target/services} at the root, or {@code inlet.services.dir}) that holds
 * unpacked servers, data and logs.
 */
public final class Workspace {

    private final Path root;
    private final Path work;

    private Workspace(Path root, Path work) {
        this.root = root;
        this.work = work;
    }

    public static Workspace detect() {
        Path root = findRoot();
        String dir = System.getProperty("inlet.services.dir", System.getenv("INLET_SERVICES_DIR"));
        Path work = dir != null && !dir.isBlank() ? Path.of(dir).toAbsolutePath() : root.resolve("target/services");
        try {
            Files.createDirectories(work);
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't create the services work folder " + work, e);
        }
        return new Workspace(root, work);
    }

    private static Path findRoot() {
        String prop = System.getProperty("inlet.root", System.getenv("INLET_ROOT"));
        if (prop != null && !prop.isBlank() && Files.isRegularFile(Path.of(prop, "services/pom.xml"))) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("services/pom.xml")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("Couldn't find the Inlet project root above " + Path.of("").toAbsolutePath()
                + ": run from inside the project or set -Dinlet.root=<folder with pom.xml and services/>");
    }

    /**
     * The folder for servers that run as the unprivileged user: {@code <work>/servers} when that user
     * can reach it, else a folder under {@code /var/tmp} (a checkout under {@code /root} is closed to
     * other users), linked from {@code <work>/servers} so logs are still found under {@code target/}.
     */
    public synchronized Path serverWork() {
        Path preferred = work.resolve("servers");
        try {
            if (!RunAs.isRoot()) {
                return Files.createDirectories(preferred);
            }
            if (Files.isSymbolicLink(preferred)) {
                return Files.createDirectories(preferred.toRealPath());
            }
            Files.createDirectories(preferred);
            RunAs.ensureUser();
            if (RunAs.run(java.util.List.of("runuser", "-u", RunAs.USER, "--", "test", "-x", preferred.toString())) == 0) {
                return preferred;
            }
            Path fallback = Path.of("/var/tmp/inlet-services-" + Integer.toHexString(root.toString().hashCode()));
            Files.createDirectories(fallback);
            Files.delete(preferred);
            Files.createSymbolicLink(preferred, fallback);
            return fallback;
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't create the server folder under " + work, e);
        }
    }

    public Path root() {
        return root;
    }

    public Path work() {
        return work;
    }

    /** A server archive copied by the services module's build, or a clear error saying how to get it. */
    public Path dist(String fileName) {
        Path p = root.resolve("services/target/dists").resolve(fileName);
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException("Missing " + p + ": run 'mvn -pl services generate-resources' (or any"
                    + " 'mvn package'/'mvn verify' at the project root) to fetch it from Maven Central");
        }
        return p;
    }

    public Path nodeModules() {
        Path p = root.resolve("node_modules");
        if (!Files.isDirectory(p.resolve("kinesis-local")) || !Files.isDirectory(p.resolve("dynalite"))) {
            throw new IllegalStateException("Missing the npm packages kinesis-local and dynalite under " + p
                    + ": run 'npm ci' at the project root");
        }
        return p;
    }
}
