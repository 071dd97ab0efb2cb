package io.inlet.common.config;

import io.inlet.common.error.ErrorStrategy;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import java.util.Arrays;

/** Settings of the "Errors" group: what happens to a message OpenSearch will not take. */
public final class ErrorSettings {

    public static final String GROUP = "Errors";

    public static final String ERROR_STRATEGY = "error_strategy";
    public static final String ERROR_STRATEGY_DEFAULT = ErrorStrategy.DROP.name();
    static final OneOf ERROR_STRATEGIES = OneOf.anyCase(
            Arrays.stream(ErrorStrategy.values()).map(Enum::name).toList());
    private static final String ERROR_STRATEGY_DISPLAY = "Error strategy";
    private static final String ERROR_STRATEGY_DOC = "What to do with a message that cannot be written"
            + " because of the message itself (malformed JSON, an unknown operation, a mapping or parse"
            + " error). DROP: send it to the dead-letter destination with its pointer and reason, count it,"
            + " and move on. BLOCK: stop the partition or shard at that message and retry it with backoff;"
            + " the state API shows the error until the data or mapping is fixed, the strategy is switched"
            + " to DROP at runtime, or the pointer is reset past it. Passing failures (429, 5xx, I/O) are"
            + " retried whatever the strategy. Case does not matter.";

    public static final String DLQ_INDEX = "dlq.index";
    private static final String DLQ_INDEX_DISPLAY = "Dead-letter index";
    private static final String DLQ_INDEX_DOC = "An OpenSearch index that receives dead letters when"
            + " error_strategy=DROP: the raw message, its pointer, the reason and the time. It may contain"
            + " ${topic} or ${stream}, like index. Empty: no dead-letter index (on Kafka, Connect's"
            + " errors.deadletterqueue.* settings still apply).";

    public static final String REDRIVE_INDEX = "dlq.redrive.index";
    public static final String REDRIVE_INDEX_DEFAULT = "inlet-redrive";
    private static final String REDRIVE_INDEX_DISPLAY = "Re-drive ledger index";
    private static final String REDRIVE_INDEX_DOC = "The OpenSearch index holding one document per pipeline (the"
            + " connector or the KCL application) about its dead-letter re-drive: which entries it selects, who runs"
            + " it, its progress and counts. It makes a re-drive one at a time per pipeline, resumable after a crash,"
            + " and visible in the state API from any worker.";

    public static final String REDRIVE_BATCH_SIZE = "dlq.redrive.batch_size";
    private static final String REDRIVE_BATCH_SIZE_DISPLAY = "Re-drive batch size";
    private static final String REDRIVE_BATCH_SIZE_DOC = "How many dead letters a re-drive reads, writes and marks"
            + " at a time. A crash loses at most one batch of progress: those entries are written again (versions"
            + " absorb it) and marked.";

    private ErrorSettings() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(ERROR_STRATEGY, Type.STRING, ERROR_STRATEGY_DEFAULT, ERROR_STRATEGIES, Importance.HIGH,
                ERROR_STRATEGY_DOC, GROUP, ++order, Width.SHORT, ERROR_STRATEGY_DISPLAY,
                Recommend.choices(ERROR_STRATEGIES));
        def.define(DLQ_INDEX, Type.STRING, null, IndexNameRule.deadLetters(), Importance.MEDIUM, DLQ_INDEX_DOC,
                GROUP, ++order, Width.LONG, DLQ_INDEX_DISPLAY);
        def.define(REDRIVE_INDEX, Type.STRING, REDRIVE_INDEX_DEFAULT, TextRule.required("an index name, e.g. inlet-redrive"),
                Importance.LOW, REDRIVE_INDEX_DOC, GROUP, ++order, Width.MEDIUM, REDRIVE_INDEX_DISPLAY);
        def.define(REDRIVE_BATCH_SIZE, Type.INT, 500, NumberRange.between(1, 10_000), Importance.LOW,
                REDRIVE_BATCH_SIZE_DOC, GROUP, ++order, Width.SHORT, REDRIVE_BATCH_SIZE_DISPLAY);
        return def;
    }
}
