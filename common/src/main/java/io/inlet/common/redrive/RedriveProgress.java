package io.inlet.common.redrive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a re-drive got: what the ledger document holds and the state API shows under {@code redrive}.
 * {@code selected} is the number of entries still to do when the run (or its resumption) started, plus those
 * already processed; {@code processed} = {@code indexed} + {@code deleted} + {@code stale} + {@code rejected}.
 */
final class RedriveProgress {

    static final String RUNNING = "running";
    static final String DONE = "done";
    static final String FAILED = "failed";

    private static final ObjectMapper JSON = new ObjectMapper();

    final String runId;
    final String pipeline;
    final RedriveSelection selection;
    /** When the run started: entries it marked have {@code redriven_at} at or after it. */
    final long startedAt;
    final int resumes;
    volatile String status = RUNNING;
    volatile String owner;
    volatile long heartbeatAt;
    volatile long finishedAt = -1;
    volatile String error;
    final AtomicLong selected = new AtomicLong();
    final AtomicLong indexed = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    private RedriveProgress(String runId, String pipeline, RedriveSelection selection, long startedAt, int resumes) {
        this.runId = runId;
        this.pipeline = pipeline;
        this.selection = selection;
        this.startedAt = startedAt;
        this.resumes = resumes;
    }

    static RedriveProgress start(String pipeline, RedriveSelection selection, String owner, long now) {
        RedriveProgress p = new RedriveProgress(UUID.randomUUID().toString(), pipeline, selection, now, 0);
        p.owner = owner;
        p.heartbeatAt = now;
        return p;
    }

    /** The interrupted run in {@code doc}, taken over by {@code owner}: same selection, start and counts. */
    static RedriveProgress resume(ObjectNode doc, String owner, long now) {
        RedriveProgress p = new RedriveProgress(doc.path("run_id").asText(), doc.path("pipeline").asText(),
                RedriveSelection.parse(doc.path("selection")), doc.path("started_at").asLong(),
                doc.path("resumes").asInt() + 1);
        p.owner = owner;
        p.heartbeatAt = now;
        p.indexed.set(doc.path("indexed").asLong());
        p.deleted.set(doc.path("deleted").asLong());
        p.stale.set(doc.path("stale").asLong());
        p.rejected.set(doc.path("rejected").asLong());
        return p;
    }

    /** Sets the counts to what the marks say: after a crash, heartbeats may have recorded less. */
    void counted(java.util.Map<RedriveResult, Long> marked) {
        indexed.set(marked.getOrDefault(RedriveResult.INDEXED, 0L));
        deleted.set(marked.getOrDefault(RedriveResult.DELETED, 0L));
        stale.set(marked.getOrDefault(RedriveResult.STALE, 0L));
        rejected.set(marked.getOrDefault(RedriveResult.REJECTED, 0L));
    }

    long processed() {
        return indexed.get() + deleted.get() + stale.get() + rejected.get();
    }

    void add(RedriveResult r) {
        switch (r) {
            case INDEXED -> indexed.incrementAndGet();
            case DELETED -> deleted.incrementAndGet();
            case STALE -> stale.incrementAndGet();
            case REJECTED -> rejected.incrementAndGet();
        }
    }

    ObjectNode toJson() {
        ObjectNode o = JSON.createObjectNode();
        o.put("pipeline", pipeline).put("run_id", runId).put("status", status).put("owner", owner);
        o.set("selection", selection.toJson());
        o.put("started_at", startedAt).put("heartbeat_at", heartbeatAt);
        if (finishedAt >= 0) {
            o.put("finished_at", finishedAt);
        }
        o.put("resumes", resumes);
        o.put("selected", selected.get()).put("processed", processed()).put("indexed", indexed.get())
                .put("deleted", deleted.get()).put("stale", stale.get()).put("rejected", rejected.get());
        if (error != null) {
            o.put("error", error);
        }
        return o;
    }

    /** Whether a ledger document is a run that still holds its lease at {@code now}. */
    static boolean isLive(JsonNode doc, long now, long leaseMillis) {
        return RUNNING.equals(doc.path("status").asText()) && now - doc.path("heartbeat_at").asLong() < leaseMillis;
    }

    /** Whether a ledger document is a run whose owner stopped without finishing it (crashed or was stopped). */
    static boolean isInterrupted(JsonNode doc, long now, long leaseMillis) {
        return RUNNING.equals(doc.path("status").asText()) && !isLive(doc, now, leaseMillis);
    }
}
