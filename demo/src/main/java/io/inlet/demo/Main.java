package io.inlet.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inlet.services.Http;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/inlet}: runs Inlet's main job on a local stack and manages it.
 *
 * <pre>
 * bin/inlet [kafka|kinesis] [--messages N] [--no-wait]   run the demo (default: kafka, 100,000 messages)
 * bin/inlet status                                     the state table of the running demo
 * bin/inlet pause | resume [--reset-to TIME|OFFSET]    pause or resume it (resume may rewind every partition/shard)
 * bin/inlet redrive [--reason R] [--from T] [--to T] [--include-rejected]
 *                                                      write the dead letters back, once the data or mapping is fixed
 * bin/inlet stop                                       stop the demo and every process it started
 * </pre>
 */
public final class Main {

    private static volatile boolean waiting;

    private Main() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Exception e) {
            System.err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            code = 1;
        }
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args) throws Exception {
        String command = args.length == 0 || args[0].startsWith("--") ? "kafka" : args[0];
        Map<String, String> opts = options(args, args.length == 0 || args[0].startsWith("--") ? 0 : 1);
        return switch (command) {
            case "kafka", "demo" -> demo(new KafkaDemo(System.out, Integer.parseInt(opts.getOrDefault("connect-port", "8083"))),
                    opts, 100_000);
            case "kinesis" -> demo(new KinesisDemo(System.out, Integer.parseInt(opts.getOrDefault("port", "8090"))), opts, 20_000);
            case "status" -> status();
            case "pause" -> post("pause", "");
            case "resume" -> opts.containsKey("reset-to") ? resumeWithReset(opts.get("reset-to")) : post("resume", "");
            case "redrive" -> redrive(opts);
            case "stop" -> stop();
            default -> throw new IllegalArgumentException("unknown command '" + command
                    + "': use kafka, kinesis, status, pause, resume [--reset-to TIME|OFFSET], redrive or stop");
        };
    }

    private static Map<String, String> options(String[] args, int from) {
        Map<String, String> m = new HashMap<>();
        for (int i = from; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String k = args[i].substring(2);
            if (k.equals("no-wait") || k.equals("include-rejected")) {
                m.put(k, "true");
            } else if (i + 1 < args.length) {
                m.put(k, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + k + " needs a value");
            }
        }
        return m;
    }

    private static int demo(Demo demo, Map<String, String> opts, int defaultMessages) throws Exception {
        int messages = Integer.parseInt(opts.getOrDefault("messages", Integer.toString(defaultMessages)));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            System.out.println("Stopping every process the demo started...");
            demo.close();
            StackFile.remove();
            io.inlet.services.ProcessRegistry.get().stopAll();
            System.out.println("Stopped.");
            System.out.flush();
            stopped.countDown();
            if (waiting) {
                Runtime.getRuntime().halt(0); // a requested stop (Ctrl-C, bin/inlet stop) is a clean exit
            }
        }, "inlet-demo-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok = demo.run(messages, System.console() != null);
        if (opts.containsKey("no-wait")) {
            return ok ? 0 : 2;
        }
        waiting = true;
        System.out.println("The stack keeps running: try 'bin/inlet status', 'bin/inlet pause', 'bin/inlet resume"
                + " --reset-to <time|offset>'. Ctrl-C or 'bin/inlet stop' stops it.");
        System.out.flush();
        stopped.await();
        return ok ? 0 : 2;
    }

    private static int status() throws Exception {
        Properties p = StackFile.read();
        Http.Response r = Http.plain().get(p.getProperty("state"));
        if (!r.ok()) {
            throw new IllegalStateException("GET " + p.getProperty("state") + " answered " + r.status() + ": " + r.body());
        }
        JsonNode state = Demo.JSON.readTree(r.body());
        System.out.printf("%-28s %-10s %-7s %14s %14s %10s %10s %8s %8s%n", "partition", "state", "paused", "committed",
                "end", "lag", "processed", "stale", "dropped");
        for (JsonNode s : state.path("partitions")) {
            System.out.printf("%-28s %-10s %-7s %14s %14s %10s %10d %8d %8d%n", s.path("stream").asText() + "-" + s.path("partition").asText(),
                    s.path("poller_state").asText(), s.path("paused").asText(), tail(s.path("committed_pointer").asText("-")),
                    tail(s.path("latest_pointer").asText("-")),
                    s.hasNonNull("pointer_based_lag") ? s.path("pointer_based_lag").asText() : s.path("lag_in_millis").asText("-") + "ms",
                    s.path("counters").path("total_processed_count").asLong(),
                    s.path("counters").path("total_version_conflicts_count").asLong(),
                    s.path("counters").path("total_dropped_count").asLong());
            if (s.hasNonNull("last_error")) {
                System.out.println("    last error at " + s.path("last_error").path("pointer").asText() + ": "
                        + s.path("last_error").path("reason").asText() + " " + s.path("last_error").path("message").asText());
            }
        }
        return 0;
    }

    private static String tail(String s) {
        return s.length() <= 14 ? s : "…" + s.substring(s.length() - 13);
    }

    private static int post(String verb, String body) throws Exception {
        Properties p = StackFile.read();
        Http.Response r = Http.plain().post(p.getProperty(verb), body);
        if (!r.ok()) {
            throw new IllegalStateException("POST " + p.getProperty(verb) + " answered " + r.status() + ": " + r.body());
        }
        System.out.println(verb + ": " + r.body());
        return 0;
    }

    /**
     * Re-drives the demo's dead letters (those {@code --reason}, {@code --from}, {@code --to} select; with
     * {@code --include-rejected} also those a re-drive refused again) and prints what became of them.
     */
    private static int redrive(Map<String, String> opts) throws Exception {
        Properties p = StackFile.read();
        ObjectNode body = Demo.JSON.createObjectNode();
        for (String f : List.of("reason", "from", "to")) {
            if (opts.containsKey(f)) {
                body.put(f, opts.get(f));
            }
        }
        if (opts.containsKey("include-rejected")) {
            body.put("include_rejected", true);
        }
        String url = p.getProperty("redrive") + "?wait_for_completion=true";
        Http.Response r = Http.plain().post(url, body.isEmpty() ? "" : body.toString());
        if (!r.ok()) {
            throw new IllegalStateException("POST " + url + " answered " + r.status() + ": " + r.body());
        }
        JsonNode run = Demo.JSON.readTree(r.body()).path("redrive");
        System.out.printf("redrive: %s, %d dead letters selected: %d indexed, %d deleted, %d stale, %d refused again%n",
                run.path("status").asText(), run.path("selected").asLong(), run.path("indexed").asLong(),
                run.path("deleted").asLong(), run.path("stale").asLong(), run.path("rejected").asLong());
        if (run.path("rejected").asLong() > 0) {
            System.out.println("  refused again: still in the dead-letter index with their new reason"
                    + " (redrive_result: rejected); fix them and run 'bin/inlet redrive --include-rejected'");
        }
        return "done".equals(run.path("status").asText()) ? 0 : 2;
    }

    /** Resume every partition or shard from a time (ISO-8601 or epoch ms) or an offset / sequence number. */
    private static int resumeWithReset(String to) throws Exception {
        Properties p = StackFile.read();
        boolean time = to.contains("-") || to.contains(":") || (to.matches("\\d+") && to.length() == 13);
        String value = to;
        if (time && !to.matches("\\d+")) {
            value = Long.toString(java.time.Instant.parse(to).toEpochMilli());
        }
        JsonNode state = Demo.JSON.readTree(Http.plain().get(p.getProperty("state")).body());
        ObjectNode body = Demo.JSON.createObjectNode();
        ArrayNode reset = body.putArray("reset_settings");
        for (JsonNode s : state.path("partitions")) {
            ObjectNode e = reset.addObject();
            if ("kafka".equals(p.getProperty("mode"))) {
                e.put("topic", s.path("stream").asText()).put("partition", s.path("partition").asInt());
            } else {
                e.put("shard", s.path("partition").asText());
            }
            e.put("mode", time ? "timestamp" : "offset").put("value", value);
        }
        return post("resume", body.toString());
    }

    private static int stop() throws Exception {
        Properties p;
        try {
            p = StackFile.read();
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
            return 0;
        }
        long pid = Long.parseLong(p.getProperty("pid"));
        ProcessHandle h = ProcessHandle.of(pid).orElse(null);
        if (h == null) {
            StackFile.remove();
            return 0;
        }
        h.destroy();
        try {
            h.onExit().get(120, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the demo (pid " + pid + ") did not stop within 120 s");
        }
        System.out.println("Stopped the demo (pid " + pid + ") and every process it started.");
        return 0;
    }
}
