package io.inlet.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Inlet's Kafka path: deploys the connector through Connect's REST API from
 * {@code config-examples/kafka/envelope.json} (hosts, topic and index changed; its {@code tasks.max} is one
 * task for the one Connect worker, at every partition count; {@code --set key=value} overrides more) and measures until the index holds every message.
 * A fresh connector name per measurement means a fresh consumer group, so each one reads the topic from
 * the start. The connector is deleted after.
 */
final class InletKafkaRun {

    private final BenchStack stack;
    private final Indices indices;
    private final ProgressWatch watch;
    private final Map<String, String> overrides;
    private final Http http = Http.plain();

    InletKafkaRun(BenchStack stack, Indices indices, ProgressWatch watch, Map<String, String> overrides) {
        this.stack = stack;
        this.indices = indices;
        this.watch = watch;
        this.overrides = overrides;
    }

    /** The connector config of one measurement. */
    ObjectNode config(String topic, String index) throws IOException {
        Path example = stack.workspace().root().resolve("config-examples/kafka/envelope.json");
        ObjectNode c = (ObjectNode) Indices.JSON.readTree(Files.readString(example));
        c.remove("inlet.comment");
        c.put("topics", topic);
        c.put("index", index);
        c.put("dlq.index", index + "-dlq");
        c.put("opensearch.hosts", stack.openSearch().url());
        c.put("kafka.bootstrap.servers", stack.kafka().bootstrapServers());
        overrides.forEach(c::put);
        return c;
    }

    Measurement run(String name, String topic, String index, int partitions, int run, long n) throws Exception {
        indices.delete(index);
        indices.create(index);
        ObjectNode config = config(topic, index);
        GcLog gc = stack.gcLog();
        long gcMark = gc.mark();
        LogWindow workerLog = new LogWindow(stack.workerLog());
        long writes = indices.writeTasksCompleted();
        long workerPid = stack.kafka().worker().pid();
        try (CpuMeter meter = new CpuMeter(stack.pids())) {
            Map<String, Double> threadsBefore = ThreadCpu.snapshot(workerPid);
            meter.start();
            long start = System.nanoTime();
            deploy(name, config);
            ProgressWatch.Timing t = watch.await(index, n, 0, "inlet " + partitions + "p run " + run, () -> healthy(name, workerLog));
            Map<String, CpuMeter.Usage> usage = meter.stop();
            Map<String, Double> threads = ThreadCpu.delta(threadsBefore, ThreadCpu.snapshot(workerPid));
            writes = indices.writeTasksCompleted() - writes;
            GcLog.Heap heap = gc.since(gcMark);
            if (workerLog.contains("OutOfMemoryError")) {
                heap = heap.withOutOfMemory();
            }
            long count = indices.refreshAndCount(index);
            JsonNode counters = counters(name);
            remove(name);
            if (count != n) {
                throw new IllegalStateException("Inlet: index " + index + " holds " + count + " documents, expected " + n);
            }
            indices.delete(index);
            indices.delete(index + "-dlq");
            return new Measurement("inlet", partitions, run, n, (t.doneNanos() - start) / 1e9, (t.doneNanos() - t.firstNanos()) / 1e9,
                    usage, heap, String.format(java.util.Locale.ROOT, "%,d shard bulk requests (%.0f docs each); state counters %s",
                            writes, n / (double) Math.max(1, writes), counters), threads);
        }
    }

    void deploy(String name, ObjectNode config) {
        Http.Response r = http.put(stack.connectUrl() + "/connectors/" + name + "/config", config.toString());
        if (!r.ok()) {
            throw new IllegalStateException("Deploying connector " + name + " failed: " + r.status() + " " + r.body());
        }
    }

    /** Fails at once when the worker died or a task failed (e.g. OutOfMemoryError), with Connect's trace. */
    void healthy(String name) {
        healthy(name, null);
    }

    /** As {@link #healthy(String)}, and fails when {@code workerLog} shows an OutOfMemoryError. */
    void healthy(String name, LogWindow workerLog) {
        if (workerLog != null && workerLog.contains("OutOfMemoryError")) {
            throw new IllegalStateException("the Connect worker ran out of heap (-Xmx" + BenchStack.WORKER_HEAP
                    + "): OutOfMemoryError in " + stack.workerLog());
        }
        if (!stack.kafka().worker().isAlive()) {
            throw new IllegalStateException("the Connect worker exited; last lines of its log:\n" + stack.kafka().worker().tail(30));
        }
        Http.Response r = http.get(stack.connectUrl() + "/connectors/" + name + "/status");
        if (r.ok()) {
            for (JsonNode task : Indices.read(r.body()).path("tasks")) {
                if ("FAILED".equals(task.path("state").asText())) {
                    String trace = task.path("trace").asText();
                    throw new IllegalStateException("task " + task.path("id").asText() + " of " + name + " FAILED: "
                            + (trace.length() > 1500 ? trace.substring(0, 1500) + "..." : trace));
                }
            }
        }
    }

    /** The sum of the connector's state counters over its partitions (GET /inlet/connectors/{name}/state). */
    JsonNode counters(String name) {
        ObjectNode sum = Indices.JSON.createObjectNode();
        Http.Response r = http.get(stack.connectUrl() + "/inlet/connectors/" + name + "/state");
        if (!r.ok()) {
            sum.put("error", r.status());
            return sum;
        }
        for (JsonNode p : Indices.read(r.body()).path("partitions")) {
            p.path("counters").fields().forEachRemaining(e -> sum.put(e.getKey(), sum.path(e.getKey()).asLong() + e.getValue().asLong()));
        }
        return sum;
    }

    void remove(String name) throws InterruptedException {
        http.delete(stack.connectUrl() + "/connectors/" + name);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && http.get(stack.connectUrl() + "/connectors/" + name).status() != 404) {
            Thread.sleep(200);
        }
    }
}
