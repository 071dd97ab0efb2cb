package io.inlet.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a JDK for each OpenSearch line: 3.x needs Java 21 or newer; 2.19.x runs on 17 to 24 (it refuses
 * Java 25, which no longer allows a Security Manager). Looks at {@code OPENSEARCH_JAVA_HOME},
 * {@code JAVA_HOME}, this JVM and {@code /usr/lib/jvm/*}.
 */
public final class Jdks {

    private static final Pattern VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private Jdks() {
    }

    public static Path forOpenSearch(String openSearchVersion) {
        int major = Integer.parseInt(openSearchVersion.substring(0, openSearchVersion.indexOf('.')));
        if (major >= 3) {
            return find(21, Integer.MAX_VALUE).orElseThrow(() -> new ServiceStartException(
                    "OpenSearch " + openSearchVersion + " needs Java 21 or newer, and none was found (looked at"
                            + " OPENSEARCH_JAVA_HOME, JAVA_HOME, " + System.getProperty("java.home") + " and /usr/lib/jvm/*)."
                            + " Install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21/25 JDK,"
                            + " or point OPENSEARCH_JAVA_HOME at it."));
        }
        return find(17, 24).orElseThrow(() -> new ServiceStartException(
                "OpenSearch " + openSearchVersion + " needs Java 17 to 24 (it fails on 25), and none was found"
                        + " (looked at JAVA_HOME, " + System.getProperty("java.home") + " and /usr/lib/jvm/*)."
                        + " Install one, e.g. 'apt-get install openjdk-17-jdk-headless'."));
    }

    /** The newest JDK whose major version lies in [min, max] (for 2.x: the oldest fitting, the one it was built for). */
    static Optional<Path> find(int min, int max) {
        List<Path> candidates = new ArrayList<>();
        for (String env : new String[] {"OPENSEARCH_JAVA_HOME", "JAVA_HOME"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                candidates.add(Path.of(v));
            }
        }
        candidates.add(Path.of(System.getProperty("java.home")));
        Path jvmDir = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvmDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(jvmDir)) {
                ds.forEach(candidates::add);
            } catch (IOException ignored) {
                // nothing more to look at
            }
        }
        Comparator<Path> byVersion = Comparator.comparingInt(Jdks::major);
        return candidates.stream()
                .filter(p -> Files.isExecutable(p.resolve("bin/java")))
                .filter(p -> major(p) >= min && major(p) <= max)
                .max(max == Integer.MAX_VALUE ? byVersion : byVersion.reversed())
                .map(Jdks::real);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p;
        }
    }

    static int major(Path home) {
        try {
            Path release = home.resolve("release");
            if (Files.isRegularFile(release)) {
                Matcher m = VERSION.matcher(Files.readString(release));
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // unknown
        }
        return -1;
    }
}
