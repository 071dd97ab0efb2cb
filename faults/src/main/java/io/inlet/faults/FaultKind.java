package io.inlet.faults;

/** The faults a run injects, each with what it does to the stack. */
enum FaultKind {
    WORKER_KILL("worker kill -9", "SIGKILL of a worker JVM (Connect worker, KCL worker), started again with the same"
            + " settings after 1 to 3 s"),
    WORKER_ZOMBIE("worker frozen (zombie)", "SIGSTOP of a worker past its group session or lease failover time, so its"
            + " partitions or shards move to the other worker; SIGCONT once the stream has caught up without it: it wakes"
            + " holding the writes it had buffered"),
    OPENSEARCH_KILL("OpenSearch kill -9", "SIGKILL of the OpenSearch JVM, started again on the same data after 2 s"),
    OPENSEARCH_FREEZE("OpenSearch frozen", "SIGSTOP of the OpenSearch JVM (connections open, nothing answers), SIGCONT after the hold"),
    NETWORK_CUT("network cut", "the fault proxy between the workers and OpenSearch forwards nothing (a black hole, no RST)"
            + " for the hold, then resets the stalled connections"),
    NETWORK_SLOW("network slow", "the fault proxy delays every chunk by 250 ms both ways for the hold"),
    NETWORK_RESET("connections reset", "the fault proxy resets every connection (RST) and every new one for the hold"),
    BROKER_RESTART("broker restart", "the Kafka broker stopped (controlled shutdown) and started again on the same log folder"),
    TOO_MANY_REQUESTS("429 storm", "the fault proxy answers every request 429 Too Many Requests with OpenSearch's rejection"
            + " body for the hold"),
    FLOOD_STAGE_BLOCK("flood-stage block", "index.blocks.read_only_allow_delete set on the index, as at the disk flood stage,"
            + " and lifted after the hold"),
    LEASE_STEAL("lease steal", "a shard's lease taken in the lease table by an owner that is no worker (owner and lease"
            + " counter changed, as another worker taking it does): the worker reading it loses it and must not checkpoint"
            + " it; once the thief's lease expires a worker takes it from the last checkpoint"),
    SHARD_SPLIT("shard split", "SplitShard of an open shard at the middle of its hash range while records flow: the"
            + " parent is read to its end before its two children"),
    SHARD_MERGE("shard merge", "MergeShards of two adjacent open shards while records flow: both parents are read to"
            + " their ends before their child"),
    LEASE_TABLE_RESTART("lease table restart", "dynalite (the DynamoDB holding the leases and checkpoints) killed and"
            + " started again on the same data after 1 to 3 s");

    private final String label;
    private final String description;

    FaultKind(String label, String description) {
        this.label = label;
        this.description = description;
    }

    String label() {
        return label;
    }

    String description() {
        return description;
    }
}
