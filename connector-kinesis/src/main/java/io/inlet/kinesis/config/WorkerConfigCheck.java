package io.inlet.kinesis.config;

import io.inlet.common.config.InletConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;

/**
 * Every problem of a worker configuration at once, one line each ({@code key: message}), as the
 * worker prints them at start-up: each setting's own validator (the same messages as the Kafka
 * connector's), the shared cross-field rules, the Kinesis ones, and unknown keys (typos, or Kafka
 * Connect settings that mean nothing to the worker).
 */
public final class WorkerConfigCheck {

    private WorkerConfigCheck() {
    }

    /** The problems of {@code props}, in the order the settings are defined; empty when it is valid. */
    public static List<String> problems(Map<String, String> props) {
        ConfigDef def = KinesisWorkerConfig.configDef();
        Map<String, Set<String>> byKey = new LinkedHashMap<>();
        for (ConfigValue v : def.validate(props)) {
            for (String message : v.errorMessages()) {
                byKey.computeIfAbsent(v.name(), k -> new LinkedHashSet<>()).add(message);
            }
        }
        InletConfig.crossFieldErrors(props).forEach((key, messages) ->
                byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(messages));
        KinesisChecks.check(props).forEach((key, messages) ->
                byKey.computeIfAbsent(key, k -> new LinkedHashSet<>()).addAll(messages));
        List<String> out = new ArrayList<>();
        for (String key : def.names().stream().sorted(orderOf(def)).toList()) {
            Set<String> messages = byKey.remove(key);
            if (messages != null) {
                messages.forEach(m -> out.add(key + ": " + m));
            }
        }
        byKey.forEach((key, messages) -> messages.forEach(m -> out.add(key + ": " + m)));
        for (String key : props.keySet()) {
            if (!def.names().contains(key)) {
                out.add(key + ": unknown setting; see the worker's settings (docs/settings-kinesis-worker.md)"
                        + suggestion(def, key));
            }
        }
        return out;
    }

    private static java.util.Comparator<String> orderOf(ConfigDef def) {
        List<String> ordered = new ArrayList<>(def.configKeys().keySet());
        return java.util.Comparator.comparingInt(ordered::indexOf);
    }

    /** ", did you mean X?" for a key one or two edits away from a real one, else "". */
    private static String suggestion(ConfigDef def, String key) {
        String best = null;
        int bestDistance = 3;
        for (String name : def.names()) {
            int d = distance(key, name);
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best == null ? "" : ", did you mean " + best + "?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
