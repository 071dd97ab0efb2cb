package io.inlet.common.ingest;

import io.inlet.common.client.OpenSearchConnection;
import io.inlet.common.config.AuthType;
import io.inlet.common.config.InletConfig;
import io.inlet.common.error.DeadLetterSink;
import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.mapper.IndexNameTemplate;
import io.inlet.common.mapper.MapperSettings;
import io.inlet.common.mapper.MapperType;
import io.inlet.common.mapper.Mappers;
import io.inlet.common.mapper.MessageMapper;
import io.inlet.common.mapper.TargetKind;
import io.inlet.common.retry.Backoff;
import io.inlet.common.writer.BulkTransport;
import io.inlet.common.writer.MemoryPool;
import io.inlet.common.writer.WriterOptions;
import java.net.URI;
import java.nio.file.Path;
import org.opensearch.client.RestClient;

/** Turns the shared settings into the pieces of an {@link Ingestion}: connection, writer options, mapper, translator. */
public final class IngestionFactory {

    private IngestionFactory() {
    }

    public static OpenSearchConnection connection(InletConfig c) {
        return new OpenSearchConnection(
                c.hosts().stream().map(URI::toString).toList(),
                c.authType(),
                c.authType() == AuthType.BASIC ? c.username() : null,
                c.authType() == AuthType.BASIC && c.password() != null ? c.password().value() : null,
                c.truststorePath() == null ? null : Path.of(c.truststorePath()),
                c.truststorePassword() == null ? null : c.truststorePassword().value(),
                c.truststoreType(),
                c.caPemPath() == null ? null : Path.of(c.caPemPath()),
                c.hostnameVerification(),
                c.awsRegion(),
                c.awsService(),
                c.connectTimeoutMs(),
                c.socketTimeoutMs(),
                c.compression());
    }

    public static WriterOptions writerOptions(InletConfig c) {
        return new WriterOptions(c.maxBatchSize(), c.bulkMaxBytes(), c.bulkLingerMs(), c.numProcessorThreads(),
                c.bufferMaxBytes(), c.bufferMaxMessages(), c.updateVersionField());
    }

    /** The backoff of the writer's retries and of BLOCK's tries ({@code retry.backoff.ms}, {@code retry.backoff.max.ms}). */
    public static Backoff backoff(InletConfig c) {
        return new Backoff(c.retryPolicy());
    }

    /**
     * The mapper of {@code mapper_type}. {@code idFromKey} and {@code versionFromPointer} are Kafka's
     * {@code id.source=key} and {@code version.source=offset}.
     */
    public static MessageMapper mapper(InletConfig c, boolean idFromKey, boolean versionFromPointer) {
        MapperSettings s = MapperSettings.defaults();
        if (MapperType.fromName(c.mapperType()) == MapperType.FIELD_MAPPING) {
            s = s.withFields(c.idField(), c.versionField(), c.opTypeField())
                    .withOpValues(c.opTypeDeleteValue(), c.opTypeCreateValue());
        }
        s = s.withIdFromKey(idFromKey).withVersionFromPointer(versionFromPointer);
        return Mappers.create(MapperType.fromName(c.mapperType()), s);
    }

    /**
     * What a runtime's source adds to the shared settings when translating its messages.
     *
     * @param idFromKey          Kafka's {@code id.source=key}
     * @param versionFromPointer Kafka's {@code version.source=offset}
     * @param tombstoneDeletes   Kafka's {@code behavior.on.null.values=delete}
     */
    public record SourceRules(boolean idFromKey, boolean versionFromPointer, boolean tombstoneDeletes) {

        /** A Kinesis stream's: ids, versions and operations come from the record. */
        public static SourceRules kinesis() {
            return new SourceRules(false, false, false);
        }
    }

    /** The translator: mapper, index name or template, pipeline, routing, and what the source adds. */
    public static Translator translator(InletConfig c, SourceRules rules) {
        Translator t = new Translator(mapper(c, rules.idFromKey(), rules.versionFromPointer()), c.index(), c.pipeline(),
                c.routingField(), rules.tombstoneDeletes(), rules.versionFromPointer());
        return c.targetKind() == TargetKind.DATA_STREAM ? t.toDataStream(c.dataStreamTimestampField()) : t;
    }

    /**
     * The ingestion both runtimes build from their config: named {@code name}, writing through {@code transport}
     * with a buffer drawn on {@code memory}, refused messages going by {@code policy} to {@code deadLetters}.
     */
    public static Ingestion ingestion(String name, InletConfig c, SourceRules rules, BulkTransport transport,
                                      MemoryPool memory, ErrorPolicy policy, DeadLetterSink deadLetters) {
        return ingestion(name, c, rules, transport, TargetCheck.NONE, memory, policy, deadLetters);
    }

    /** The same, asking {@code targets} about every alias or data stream before the first write to it. */
    public static Ingestion ingestion(String name, InletConfig c, SourceRules rules, BulkTransport transport,
                                      TargetCheck targets, MemoryPool memory, ErrorPolicy policy,
                                      DeadLetterSink deadLetters) {
        return new Ingestion(name, transport, writerOptions(c), memory, translator(c, rules), targets, policy, deadLetters,
                backoff(c));
    }

    /**
     * What OpenSearch is asked before the first write to each name: nothing for {@code target.kind=index}; that an
     * alias has a write index, or that a data stream exists or a template makes one (creating the template when
     * {@code data_stream.create_template} asks). A fixed name is asked now.
     *
     * @throws IllegalStateException when the fixed name cannot take writes, saying what to create
     */
    public static TargetCheck targetCheck(InletConfig c, RestClient client) {
        TargetCheck check = c.targetKind() == TargetKind.INDEX ? TargetCheck.NONE
                : new OpenSearchTargets(client, c.targetKind(), c.dataStreamCreateTemplate());
        if (IndexNameTemplate.parse(c.index(), true).isFixed()) {
            String problem;
            try {
                problem = check.problem(c.index());
            } catch (RuntimeException e) {
                return check; // OpenSearch cannot say now: asked again before the first write
            }
            if (problem != null) {
                throw new IllegalStateException("Can't write to " + c.index() + ": " + problem);
            }
        }
        return check;
    }
}
