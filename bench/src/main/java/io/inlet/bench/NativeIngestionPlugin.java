package io.inlet.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * OpenSearch's {@code ingestion-kafka} plugin as a folder ready for {@code plugins/}: the plugin jar and the
 * runtime dependencies its pom names (kafka-clients, slf4j-api, snappy-java; copied by the bench build to
 * {@code bench/target/ingestion-kafka-jars}), a descriptor, and a security policy granting what the Kafka
 * consumer needs (sockets to the broker, JMX registration of its metrics, class loader and environment access).
 */
final class NativeIngestionPlugin {

    static final String NAME = "ingestion-kafka";

    private NativeIngestionPlugin() {
    }

    /** Writes the plugin folder {@code <parent>/ingestion-kafka} (replacing an old one) and returns it. */
    static Path prepare(Path jars, Path parent, String openSearchVersion) throws IOException {
        if (!Files.isDirectory(jars)) {
            throw new IllegalStateException("Missing " + jars + ": build the bench module (mvn -pl bench -am package),"
                    + " which copies org.opensearch.plugin:ingestion-kafka:" + openSearchVersion + " and its dependencies there");
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
