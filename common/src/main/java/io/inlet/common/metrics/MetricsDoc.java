package io.inlet.common.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Renders {@code docs/metrics.md} from {@link InletMetric}: one table, for both runtimes. */
public final class MetricsDoc {

    public static final String REGENERATE_COMMAND = "mvn -B -q -pl common -am test -Dtest=MetricsDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dinlet.docs.write=true";

    private MetricsDoc() {
    }

    public static String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# Inlet metrics\n\n");
        out.append("Generated from `InletMetric` by `").append(REGENERATE_COMMAND).append("`; do not edit.\n\n");
        out.append("The Kinesis worker serves these at `GET /metrics` of its management API (Prometheus text format,"
                + " behind `management.auth` when set), with the JVM's `jvm_*` and `process_*` metrics. A Kafka"
                + " Connect worker publishes them as plugin metrics over JMX (MBean `kafka.connect:type=plugins,"
                + "connector=<name>,task=<id>,...`, one attribute per metric), which the Prometheus JMX exporter"
                + " agent with `config-examples/monitoring/connect-jmx-exporter.yml` serves under the same names and"
                + " labels.\n\n");
        out.append("Labels: `pipeline` is the connector's name or the worker's `application.name`; `task` the Kafka"
                + " task number or the worker id; `source` the topic or stream; `partition` the partition number or"
                + " shard id. Counters of a partition start from 0 where it is assigned (a rebalance, a lease taken"
                + " over): use `rate()` or `increase()`.\n\n");
        out.append("| Metric | Type | Labels | Description |\n");
        out.append("|---|---|---|---|\n");
        for (InletMetric m : InletMetric.values()) {
            String type = m.type().name().toLowerCase(java.util.Locale.ROOT);
            out.append("| `").append(m.prometheusName()).append("` | ").append(type).append(" | ")
                    .append(String.join(", ", m.labels().stream().map(l -> "`" + l + "`").toList()))
                    .append(m.type() == InletMetric.Type.HISTOGRAM ? ", `le`" : "").append(" | ")
                    .append(m.help().replace("|", "\\|")).append(" |\n");
        }
        return out.toString();
    }

    public static void write(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, markdown(), StandardCharsets.UTF_8);
    }
}
