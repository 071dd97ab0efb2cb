package io.inlet.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * OpenSearch's {@code ingestion-kafka} plugin as a folder ready for {@code plugins/}: the plugin jar and the
 * runtime dependencies its pom names (kafka-clients, slf4j-api, snappy-java; copied by the services build to
 * {@code services/target/dists/ingestion-kafka-<version>}), a descriptor, and a security policy granting what the
 * Kafka consumer needs (sockets to the broker, JMX registration of its metrics, class loader and environment access).
 * The benchmark compares Inlet with it; the migration IT hands its indices over to Inlet.
 */
public final class NativeIngestionPlugin {

    public static final String NAME = "ingestion-kafka";

    private NativeIngestionPlugin() {
    }

    /**
     * Writes the plugin folder {@code <parent>/ingestion-kafka} for OpenSearch {@link OpenSearchSpec#V3} (replacing an
     * old one) and returns it: give it to {@link OpenSearchSpec#withPlugin}.
     */
    public static Path prepare(Path parent) throws IOException {
        String openSearchVersion = OpenSearchSpec.V3;
        Path jars = Workspace.detect().root().resolve("services/target/dists/ingestion-kafka-" + openSearchVersion);
        if (!Files.isDirectory(jars)) {
            throw new IllegalStateException("Missing " + jars + ": run 'mvn -pl services generate-resources', which copies"
                    + " org.opensearch.plugin:ingestion-kafka:" + openSearchVersion + " and its dependencies there");
        }
        Path folder = parent.resolve(NAME);
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
        if (copied < 4) {
            throw new IllegalStateException("Expected the plugin jar and its 3 dependencies in " + jars + ", found " + copied);
        }
        Files.writeString(folder.resolve("plugin-descriptor.properties"), String.join("\n",
                "name=" + NAME,
                "description=Pull-based ingestion from Apache Kafka (OpenSearch's own plugin, installed by Inlet's benchmark)",
                "version=" + openSearchVersion,
                "opensearch.version=" + openSearchVersion,
                "java.version=21",
                "classname=org.opensearch.plugin.kafka.KafkaPlugin",
                "extended.plugins=",
                "has.native.controller=false",
                ""));
        Files.writeString(folder.resolve("plugin-security.policy"), String.join("\n",
                "grant {",
                "  // the Kafka consumer registers its metrics as MBeans",
                "  permission javax.management.MBeanServerPermission \"createMBeanServer\";",
                "  permission javax.management.MBeanTrustPermission \"register\";",
                "  permission javax.management.MBeanPermission \"*\", \"*\";",
                "  permission java.lang.management.ManagementPermission \"monitor\";",
                "  // connections to the brokers",
                "  permission java.net.SocketPermission \"*\", \"connect,resolve\";",
                "  permission java.lang.RuntimePermission \"getClassLoader\";",
                "  permission java.lang.RuntimePermission \"getenv.*\";",
                "  permission java.util.PropertyPermission \"*\", \"read,write\";",
                "  // snappy-java unpacks its native library to the temp folder",
                "  permission java.io.FilePermission \"<<ALL FILES>>\", \"read,write,delete\";",
                "  permission java.lang.RuntimePermission \"loadLibrary.*\";",
                "};",
                ""));
        return folder;
    }
}
