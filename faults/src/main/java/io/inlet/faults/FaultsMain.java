package io.inlet.faults;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/faults}: a fault run on the real stack, its report in {@code faults/results/<UTC date>-<source>.md}
 * and {@code .json}. Exit 0 when nothing was lost, extra or wrong and no committed offset was ever ahead of the
 * index; 1 when something was; 2 for a bad command line.
 */
public final class FaultsMain {

    static final String USAGE = """
            Usage: bin/faults kafka|kinesis [options]
              kafka            a Kafka broker and two Connect workers running Inlet's sink (4 tasks)
              kinesis          kinesis-local, dynalite and two of Inlet's KCL workers (the worker jar)
              --messages N     messages in the stream (default 1000000)
              --partitions P   topic partitions or stream shards at the start (default 4)
              --seed S         the schedule's and the stream's seed (default: the time); the report names it
              --kills K        worker kill -9s (default 20)
              --per-kind M     every other fault kind M times (default 3)
              --hold SECONDS   how long a network, 429 or block fault lasts (default 15)
              --freeze SECONDS how long OpenSearch stays frozen (default 30)
              --deadline MIN   stop injecting after this many minutes and report (default 60)
              --out DIR        where the report goes (default faults/results)
            """;

    private FaultsMain() {
    }

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0 || !(args[0].equals("kafka") || args[0].equals("kinesis"))) {
            err.print(USAGE);
            return 2;
        }
        String source = args[0];
        long messages = 1_000_000;
        int partitions = 4;
        long seed = System.currentTimeMillis();
        int kills = 20;
        int perKind = 3;
        int hold = 15;
        int freeze = 30;
        int deadline = 60;
        Path outDir = Path.of("faults/results");
        List<String> command = new ArrayList<>(List.of("bin/faults", source));
        try {
            for (int i = 1; i < args.length; i += 2) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i]) {
                    case "--messages" -> messages = positive(args[i], value);
                    case "--partitions" -> partitions = (int) positive(args[i], value);
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--kills" -> kills = (int) atLeastZero(args[i], value);
                    case "--per-kind" -> perKind = (int) atLeastZero(args[i], value);
                    case "--hold" -> hold = (int) positive(args[i], value);
                    case "--freeze" -> freeze = (int) positive(args[i], value);
                    case "--deadline" -> deadline = (int) positive(args[i], value);
                    case "--out" -> outDir = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                if (!args[i].equals("--seed") && !args[i].equals("--out")) {
                    command.add(args[i]);
                    command.add(value);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        command.add("--seed");
        command.add(Long.toString(seed));
        FaultRun.Options options = new FaultRun.Options(messages, partitions, seed, kills, perKind, Duration.ofSeconds(hold),
                Duration.ofSeconds(freeze), Duration.ofMinutes(deadline), String.join(" ", command));
        out.println("Fault run, seed " + seed + ": starting OpenSearch, the fault proxy and the " + source + " stack ...");
        FaultRun.Result result;
        try (FaultStack stack = source.equals("kafka") ? KafkaFaultStack.start(partitions, "faults-" + seed)
                : KinesisFaultStack.start(partitions, "faults-" + seed)) {
            out.println("Stack: " + stack.describe());
            result = new FaultRun(stack, options, out).run();
        }
        String name = LocalDate.now(ZoneOffset.UTC) + "-" + source;
        Path md = outDir.resolve(name + ".md");
        Report.write(result, source, md, outDir.resolve(name + ".json"));
        out.println(Report.markdown(result, source));
        out.println("Report: " + md + " and .json");
        return Report.passed(result) ? 0 : 1;
    }

    private static long positive(String option, String value) {
        long n = atLeastZero(option, value);
        if (n == 0) {
            throw new IllegalArgumentException(option + " must be at least 1, not " + value);
        }
        return n;
    }

    private static long atLeastZero(String option, String value) {
        try {
            long n = Long.parseLong(value.replace("_", "").replace(",", ""));
            if (n < 0) {
                throw new IllegalArgumentException(option + " must not be negative, not " + value);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a whole number, not " + value);
        }
    }
}
