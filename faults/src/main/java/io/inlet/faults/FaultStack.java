package io.inlet.faults;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * One source's stack for a fault run: its workers and the source itself, around the same OpenSearch side
 * ({@link OpenSearchSide}: OpenSearch behind the fault proxy, the index and the dead-letter index).
 * {@link FaultRun} drives it the same way for Kafka and Kinesis.
 */
interface FaultStack extends AutoCloseable {

    /** Where a sent message landed: its partition (number) or shard id, and its offset or sequence number. */
    @FunctionalInterface
    interface Landing {
        void landed(String partition, BigInteger pointer);
    }

    /** {@code kafka} or {@code kinesis}: the report's name. */
    String source();

    /** What the run's progress lines and report call this source's workers and the place it commits. */
    String describe();

    /** The fault kinds this stack can inject: the OpenSearch side's, the workers', and its source's own. */
    List<FaultKind> kinds();

    OpenSearchSide openSearchSide();

    /** Sends one message; {@code landed} is called once the source has it, in pointer order per partition or shard. */
    void send(StreamModel.Message m, Landing landed, Consumer<Exception> failed);

    /** Waits until every message sent is in the source. */
    void flush();

    /** What the source holds as committed now. */
    Committed committed();

    int workers();

    void killWorker(int w, Duration down) throws InterruptedException;

    void freezeWorker(int w);

    void thawWorker(int w);

    /** How long a frozen worker stays frozen before its work has surely moved (past its session or lease). */
    Duration zombieAfter();

    /**
     * Injects one of the source's own fault kinds (a broker restart; a lease steal, a split, a merge, a lease-table
     * restart) and returns what it did, for the report.
     */
    String injectOwn(FaultKind kind, Random random, Duration hold) throws InterruptedException;

    /** Worker log files, for a failure's context. */
    List<Path> workerLogs();

    /** Deletes what the run created and stops every process. */
    @Override
    void close();
}
