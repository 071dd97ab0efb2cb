package io.inlet.common.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Settings of the "Writer" group: bulk request sizes, parallelism, memory bounds and retries. */
public final class WriterSettings {

    public static final String GROUP = "Writer";

    public static final String MAX_BATCH_SIZE = "max_batch_size";
    public static final int MAX_BATCH_SIZE_DEFAULT = 5000;
    private static final String MAX_BATCH_SIZE_DISPLAY = "Max batch size";
    private static final String MAX_BATCH_SIZE_DOC = "The most operations in one bulk request. A request is"
            + " sent when it holds this many operations or bulk.max.bytes, whichever comes first (with ~1 KB"
            + " documents the default 5 MiB comes first). Larger requests cost OpenSearch less per document (one"
            + " translog write per shard and request); after a crash a partition replays about this many"
            + " messages. OpenSearch's name poll.max_batch_size is accepted too.";

    /** OpenSearch's name for {@link #MAX_BATCH_SIZE}, used when that one is not given. */
    public static final String MAX_BATCH_SIZE_ALIAS = "poll.max_batch_size";
    private static final String MAX_BATCH_SIZE_ALIAS_DISPLAY = "Max batch size (OpenSearch name)";
    private static final String MAX_BATCH_SIZE_ALIAS_DOC = "OpenSearch's name for max_batch_size, so an"
            + " OpenSearch ingestion configuration can be reused as is. Used only when max_batch_size is not"
            + " given; giving both with different values is an error.";

    public static final String BULK_MAX_BYTES = "bulk.max.bytes";
    public static final long BULK_MAX_BYTES_DEFAULT = 4L * 1024 * 1024;
    private static final String BULK_MAX_BYTES_DISPLAY = "Max bulk request bytes";
    private static final String BULK_MAX_BYTES_DOC = "The largest body of one bulk request, in bytes (default"
            + " 4 MiB, the size at which the benchmark's tuned loader indexes fastest). A request is sent when it"
            + " holds this many bytes or max_batch_size operations, or when no new message came for"
            + " bulk.linger.ms. Keep it well under the cluster's http.max_content_length. An operation larger"
            + " than this on its own is sent alone.";

    public static final String BULK_LINGER_MS = "bulk.linger.ms";
    public static final int BULK_LINGER_MS_DEFAULT = 5;
    private static final String BULK_LINGER_MS_DISPLAY = "Bulk linger (ms)";
    private static final String BULK_LINGER_MS_DOC = "How long, in milliseconds, a bulk request that is not"
            + " full yet waits for more messages once the source has nothing new (as Kafka's producer linger.ms);"
            + " while messages keep coming it waits at most 20 times this, and not at all once the buffer is full"
            + " (buffer.max.bytes) and the request half full. Longer makes fuller requests from a"
            + " slow stream, shorter makes a quiet stream's last writes visible sooner.";

    public static final String NUM_PROCESSOR_THREADS = "num_processor_threads";
    public static final int NUM_PROCESSOR_THREADS_DEFAULT = 4;
    private static final String NUM_PROCESSOR_THREADS_DISPLAY = "Most bulk requests in flight";
    private static final String NUM_PROCESSOR_THREADS_DOC = "The most bulk requests in flight at once, per"
            + " Connect task or Kinesis worker (OpenSearch's name for its processor threads). Inlet adapts the"
            + " number in flight by itself between 1 and this: one more while the cluster answers as fast as"
            + " usual, half as many when it answers 429 / es_rejected_execution_exception or its latency doubles."
            + " Operations on one _id are never in flight twice, so they are applied in stream order; a"
            + " partition blocked under BLOCK gets nothing more sent.";

    public static final String BUFFER_MAX_BYTES = "buffer.max.bytes";
    public static final long BUFFER_MAX_BYTES_DEFAULT = 8L * 1024 * 1024;
    private static final String BUFFER_MAX_BYTES_DISPLAY = "Buffer bytes";
    private static final String BUFFER_MAX_BYTES_DOC = "The most message bytes held in memory waiting to be"
            + " written or in flight (default 8 MiB), per connector in each Kafka Connect worker, or per Kinesis"
            + " worker: each message counts its payload and its action line. A connector's tasks in one worker"
            + " share it: one task alone may use all of it, four split it. Each task may always hold its fair share"
            + " (this divided by the connector's tasks in the worker) and beyond it only what is free, so a task"
            + " whose partition is blocked never holds up the others; in that case the total can pass this by"
            + " less than this once more. When the buffer is full Inlet stops reading (pausing the Kafka"
            + " partitions, or the Kinesis shard's polling) until writes catch up: memory is bounded by this"
            + " setting, not by the backlog or the number of tasks, and nothing is dropped. Size the worker's"
            + " heap for about 1.25 x this per connector, plus the requests in flight, plus Connect's own needs"
            + " (the default fits in -Xmx256m). Two bulk.max.bytes or more keep the next request filling while"
            + " another is in flight. Larger is not faster: what the buffer holds lives long enough to be copied"
            + " into the heap's old generation, and at 16 MiB a 256 MiB heap spent far more on collecting it there.";

    public static final String BUFFER_MAX_MESSAGES = "buffer.max.messages";
    public static final int BUFFER_MAX_MESSAGES_DEFAULT = 100_000;
    private static final String BUFFER_MAX_MESSAGES_DISPLAY = "Buffer messages";
    private static final String BUFFER_MAX_MESSAGES_DOC = "The most messages held in memory waiting to be"
            + " written; reading pauses when it is reached, and a connector's tasks in one worker share it, as with"
            + " buffer.max.bytes.";

    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 100;
    private static final String RETRY_BACKOFF_MS_DISPLAY = "Retry backoff (ms)";
    private static final String RETRY_BACKOFF_MS_DOC = "The longest wait, in milliseconds, after a first"
            + " passing failure (429 Too Many Requests, 5xx, an I/O error, a cluster write block). Each"
            + " further failure doubles it, up to retry.backoff.max.ms, and the actual wait is random below"
            + " it (full jitter). Retries go on as long as it takes: a passing failure never fails the task"
            + " and never loses a message.";

    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final long RETRY_BACKOFF_MAX_MS_DEFAULT = 30_000;
    private static final String RETRY_BACKOFF_MAX_MS_DISPLAY = "Max retry backoff (ms)";
    private static final String RETRY_BACKOFF_MAX_MS_DOC = "The cap, in milliseconds, on the wait between"
            + " retries; at least retry.backoff.ms.";

    public static final String POLL_TIMEOUT = "poll.timeout";
    public static final int POLL_TIMEOUT_DEFAULT = 1000;
    private static final String POLL_TIMEOUT_DISPLAY = "Poll timeout (ms)";
    private static final String POLL_TIMEOUT_DOC = "How long, in milliseconds, one read from the source"
            + " waits for new data before coming back empty (OpenSearch's name); on Kafka also the longest"
            + " wait before paused partitions are looked at again (a full buffer is looked at every 10 ms, or"
            + " sooner if this is shorter). Shorter makes pauses, resumes and shutdowns quicker; longer makes"
            + " fewer empty reads.";

    private WriterSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(MAX_BATCH_SIZE, Type.INT, MAX_BATCH_SIZE_DEFAULT, NumberRange.atLeast(1), Importance.MEDIUM,
                MAX_BATCH_SIZE_DOC, GROUP, ++order, Width.SHORT, MAX_BATCH_SIZE_DISPLAY);
        def.define(MAX_BATCH_SIZE_ALIAS, Type.INT, null, NumberRange.atLeast(1).orUnset(), Importance.LOW,
                MAX_BATCH_SIZE_ALIAS_DOC, GROUP, ++order, Width.SHORT, MAX_BATCH_SIZE_ALIAS_DISPLAY);
        def.define(BULK_MAX_BYTES, Type.LONG, BULK_MAX_BYTES_DEFAULT, NumberRange.atLeast(1024), Importance.MEDIUM,
                BULK_MAX_BYTES_DOC, GROUP, ++order, Width.SHORT, BULK_MAX_BYTES_DISPLAY);
        def.define(BULK_LINGER_MS, Type.INT, BULK_LINGER_MS_DEFAULT, NumberRange.between(0, 60_000), Importance.LOW,
                BULK_LINGER_MS_DOC, GROUP, ++order, Width.SHORT, BULK_LINGER_MS_DISPLAY);
        def.define(NUM_PROCESSOR_THREADS, Type.INT, NUM_PROCESSOR_THREADS_DEFAULT, NumberRange.between(1, 64),
                Importance.MEDIUM, NUM_PROCESSOR_THREADS_DOC, GROUP, ++order, Width.SHORT,
                NUM_PROCESSOR_THREADS_DISPLAY);
        def.define(BUFFER_MAX_BYTES, Type.LONG, BUFFER_MAX_BYTES_DEFAULT, NumberRange.atLeast(1024), Importance.MEDIUM,
                BUFFER_MAX_BYTES_DOC, GROUP, ++order, Width.SHORT, BUFFER_MAX_BYTES_DISPLAY);
        def.define(BUFFER_MAX_MESSAGES, Type.INT, BUFFER_MAX_MESSAGES_DEFAULT, NumberRange.atLeast(1),
                Importance.MEDIUM, BUFFER_MAX_MESSAGES_DOC, GROUP, ++order, Width.SHORT, BUFFER_MAX_MESSAGES_DISPLAY);
        def.define(RETRY_BACKOFF_MS, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, NumberRange.atLeast(1), Importance.LOW,
                RETRY_BACKOFF_MS_DOC, GROUP, ++order, Width.SHORT, RETRY_BACKOFF_MS_DISPLAY);
        def.define(RETRY_BACKOFF_MAX_MS, Type.LONG, RETRY_BACKOFF_MAX_MS_DEFAULT, NumberRange.atLeast(1),
                Importance.LOW, RETRY_BACKOFF_MAX_MS_DOC, GROUP, ++order, Width.SHORT, RETRY_BACKOFF_MAX_MS_DISPLAY);
        def.define(POLL_TIMEOUT, Type.INT, POLL_TIMEOUT_DEFAULT, NumberRange.atLeast(1), Importance.LOW,
                POLL_TIMEOUT_DOC, GROUP, ++order, Width.SHORT, POLL_TIMEOUT_DISPLAY);
        return def;
    }
}
