package io.inlet.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * An unpacked OpenSearch distribution, prepared once per work folder and reused by every node
 * started from it: the integ-test-zip unpacked, and for the secure variant the security plugin
 * installed with its demo configuration (demo certificates, TLS on HTTP and transport, basic auth).
 */
final class OpenSearchInstall {

    /** The admin password of the TLS test cluster (the demo tool refuses weak ones and ones containing the user name). */
    static final String ADMIN_PASSWORD = "Inl3t-Str0ng#Pass-2024";

    private final Path home;
    private final Path javaHome;
    private final String version;

    private OpenSearchInstall(Path home, Path javaHome, String version) {
        this.home = home;
        this.javaHome = javaHome;
        this.version = version;
    }

    Path home() {
        return home;
    }

    Path javaHome() {
        return javaHome;
    }

    String version() {
        return version;
    }

    static synchronized OpenSearchInstall prepare(Workspace ws, Path serverWork, OpenSearchSpec spec) {
        Path javaHome = Jdks.forOpenSearch(spec.version());
        Path home = serverWork.resolve("dist").resolve(spec.label());
        if (Files.isRegularFile(home.resolve(".inlet-ready"))) {
            return new OpenSearchInstall(home, javaHome, spec.version());
        }
        try {
            Path tmp = serverWork.resolve("dist").resolve(spec.label() + ".tmp-" + ProcessHandle.current().pid());
            Trees.delete(tmp);
            Files.createDirectories(tmp);
            exec(List.of("unzip", "-q", ws.dist("opensearch-" + spec.version() + ".zip").toString(), "-d", tmp.toString()),
                    tmp, Map.of(), "unpack OpenSearch " + spec.version());
            Path unpacked;
            try (Stream<Path> s = Files.list(tmp)) {
                unpacked = s.filter(Files::isDirectory).findFirst()
                        .orElseThrow(() -> new IllegalStateException("empty OpenSearch archive"));
            }
            if (spec.version().startsWith("2.")) {
                addPainlessModule(ws, unpacked, spec.version());
            }
            if (spec.secure()) {
                installSecurity(ws, unpacked, javaHome);
            }
            for (Path plugin : spec.plugins()) {
                addPlugin(unpacked, plugin);
            }
            Files.writeString(unpacked.resolve(".inlet-ready"), spec.version());
            Trees.delete(home);
            Files.move(unpacked, home, StandardCopyOption.ATOMIC_MOVE);
            Trees.delete(tmp);
            return new OpenSearchInstall(home, javaHome, spec.version());
        } catch (IOException e) {
            throw new UncheckedIOException("Couldn't prepare " + spec.label() + " under " + home, e);
        }
    }

    /**
     * The 2.19.x integ-test-zip ships no scripting: add {@code lang-painless} as a module from its Maven
     * jars (copied by the services build), with the descriptor and the security policy it needs.
     */
    private static void addPainlessModule(Workspace ws, Path home, String version) throws IOException {
        Path jars = ws.root().resolve("services/target/dists/lang-painless-" + version);
        if (!Files.isDirectory(jars)) {
            throw new ServiceStartException("Missing " + jars + ": run 'mvn -pl services generate-resources' to fetch lang-painless " + version);
        }
        Path module = Files.createDirectories(home.resolve("modules/lang-painless"));
        Trees.copy(jars, module);
        Files.writeString(module.resolve("plugin-descriptor.properties"), String.join("\n",
                "name=lang-painless",
                "description=An easy, safe and fast scripting language for OpenSearch",
                "version=" + version,
                "opensearch.version=" + version,
                "java.version=11",
                "classname=org.opensearch.painless.PainlessPlugin",
                "extended.plugins=",
                "has.native.controller=false",
                ""));
        Files.writeString(module.resolve("plugin-security.policy"), String.join("\n",
                "grant {",
                "  permission java.lang.RuntimePermission \"createClassLoader\";",
                "  permission java.lang.RuntimePermission \"getClassLoader\";",
                "};",
                ""));
    }

    /** Copies a prepared plugin folder (jars, descriptor, policy) into {@code plugins/<folder name>}. */
    private static void addPlugin(Path home, Path plugin) throws IOException {
        if (!Files.isRegularFile(plugin.resolve("plugin-descriptor.properties"))) {
            throw new ServiceStartException("Not a plugin folder (no plugin-descriptor.properties): " + plugin);
        }
        Path target = Files.createDirectories(home.resolve("plugins").resolve(plugin.getFileName().toString()));
        Trees.copy(plugin, target);
    }

    private static void installSecurity(Workspace ws, Path home, Path javaHome) {
        Map<String, String> env = Map.of("OPENSEARCH_JAVA_HOME", javaHome.toString(), "JAVA_HOME", javaHome.toString(),
                "OPENSEARCH_INITIAL_ADMIN_PASSWORD", ADMIN_PASSWORD);
        Path zip = ws.dist("opensearch-security-" + OpenSearchSpec.SECURITY_PLUGIN + ".zip");
        exec(List.of("bash", home.resolve("bin/opensearch-plugin").toString(), "install", "--batch", zip.toUri().toString()),
                home, env, "install the opensearch-security plugin");
        exec(List.of("bash", home.resolve("plugins/opensearch-security/tools/install_demo_configuration.sh").toString(), "-y", "-i", "-s"),
                home, env, "run the security plugin's demo configuration tool");
        try {
            // the demo audit index wants a replica, which turns a single node yellow: no audit log in tests
            Path yml = home.resolve("config/opensearch.yml");
            String settings = Files.readString(yml).replaceAll("(?m)^plugins\\.security\\.audit\\.type:.*$", "");
            Files.writeString(yml, settings + "\nplugins.security.audit.type: noop\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void exec(List<String> command, Path dir, Map<String, String> env, String what) {
        try {
            Path log = Files.createTempFile("inlet-setup", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new ServiceStartException("Timed out trying to " + what + ": " + Files.readString(log));
            }
            if (p.exitValue() != 0) {
                throw new ServiceStartException("Couldn't " + what + " (exit " + p.exitValue() + "):\n" + Files.readString(log));
            }
            Files.deleteIfExists(log);
        } catch (IOException e) {
            throw new ServiceStartException("Couldn't " + what + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceStartException("Interrupted trying to " + what);
        }
    }
}
