package io.inlet.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSearch's own pull-based ingestion plugins ({@code ingestion-kafka}, {@code ingestion-kinesis}) as folders ready
 * for {@code plugins/}. Maven Central publishes them as jars only, so each folder is made here: the plugin jar and
 * the runtime dependencies its pom names (copied by the build, see {@link #jars()}), a descriptor, and a security
 * policy granting what the client inside needs. The benchmark compares Inlet with the Kafka one; the migration ITs
 * hand indices of both over to Inlet.
 */
public enum NativeIngestionPlugin {

    /** Copied by {@code services}' build to {@code services/target/dists/ingestion-kafka-<version>}. */
    KAFKA("ingestion-kafka", "org.opensearch.plugin.kafka.KafkaPlugin", "services/target/dists", 4,
            "Pull-based ingestion from Apache Kafka",
            List.of("  // the Kafka consumer registers its metrics as MBeans",
                    "  permission javax.management.MBeanServerPermission \"createMBeanServer\";",
                    "  permission javax.management.MBeanTrustPermission \"register\";",
                    "  permission javax.management.MBeanPermission \"*\", \"*\";",
                    "  permission java.lang.management.ManagementPermission \"monitor\";",
                    "  // snappy-java unpacks its native library to the temp folder",
                    "  permission java.lang.RuntimePermission \"loadLibrary.*\";")),
    /**
     * Copied by the {@code services/native-ingestion} build (which, unlike the other modules, takes every version
     * from the plugin's own pom) to {@code services/native-ingestion/target/ingestion-kinesis-<version>}.
     */
    KINESIS("ingestion-kinesis", "org.opensearch.plugin.kinesis.KinesisPlugin", "services/native-ingestion/target", 40,
            "Pull-based ingestion from Amazon Kinesis",
            List.of("  // the AWS SDK reads its profile files and reflects on its model classes",
                    "  permission java.lang.RuntimePermission \"accessDeclaredMembers\";",
                    "  permission java.lang.reflect.ReflectPermission \"suppressAccessChecks\";",
                    "  permission java.lang.RuntimePermission \"setContextClassLoader\";",
                    "  permission java.lang.RuntimePermission \"createClassLoader\";",
                    "  permission java.net.NetPermission \"getProxySelector\";"));

    private final String name;
    private final String className;
    private final String jarsParent;
    private final int minimumJars;
    private final String description;
    private final List<String> extraGrants;

    NativeIngestionPlugin(String name, String className, String jarsParent, int minimumJars, String description,
            List<String> extraGrants) {
        this.name = name;
        this.className = className;
        this.jarsParent = jarsParent;
        this.minimumJars = minimumJars;
        this.description = description;
        this.extraGrants = extraGrants;
    }

    public String pluginName() {
        return name;
    }

    /** Where the build put the plugin jar and its dependencies for OpenSearch {@link OpenSearchSpec#V3}. */
    public Path jars() {
        return Workspace.detect().root().resolve(jarsParent).resolve(name + "-" + OpenSearchSpec.V3);
    }

    /**
     * Writes the plugin folder {@code <parent>/<name>} for OpenSearch {@link OpenSearchSpec#V3} (replacing an old one)
     * and returns it: give it to {@link OpenSearchSpec#withPlugin}.
     */
    public Path prepare(Path parent) throws IOException {
        String openSearchVersion = OpenSearchSpec.V3;
        Path jars = jars();
        if (!Files.isDirectory(jars)) {
            throw new IllegalStateException("Missing " + jars + ": run 'mvn generate-resources' at the project root, which"
                    + " copies org.opensearch.plugin:" + name + ":" + openSearchVersion + " and its dependencies there");
        }
        Path folder = parent.resolve(name);
        if (Files.isDirectory(folder)) {
            try (DirectoryStream<Path> old = Files.newDirectoryStream(folder)) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        Files.createDirectories(folder);
        int copied = 0;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(jars, "*.jar")) {
            for (Path jar : ds) {
                Files.copy(jar, folder.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                copied++;
            }
        }
        if (copied < minimumJars) {
            throw new IllegalStateException("Expected the plugin jar and its dependencies (at least " + minimumJars
                    + " jars) in " + jars + ", found " + copied);
        }
        Files.writeString(folder.resolve("plugin-descriptor.properties"), String.join("\n",
                "name=" + name,
                "description=" + description + " (OpenSearch's own plugin, installed by Inlet's services)",
                "version=" + openSearchVersion,
                "opensearch.version=" + openSearchVersion,
                "java.version=21",
                "classname=" + className,
                "extended.plugins=",
                "has.native.controller=false",
                ""));
        List<String> policy = new ArrayList<>(List.of("grant {",
                "  // connections to the brokers or the stream's endpoint",
                "  permission java.net.SocketPermission \"*\", \"connect,resolve\";",
                "  permission java.lang.RuntimePermission \"getClassLoader\";",
                "  permission java.lang.RuntimePermission \"getenv.*\";",
                "  permission java.util.PropertyPermission \"*\", \"read,write\";",
                "  permission java.io.FilePermission \"<<ALL FILES>>\", \"read,write,delete\";"));
        policy.addAll(extraGrants);
        policy.add("};");
        policy.add("");
        Files.writeString(folder.resolve("plugin-security.policy"), String.join("\n", policy));
        return folder;
    }
}
