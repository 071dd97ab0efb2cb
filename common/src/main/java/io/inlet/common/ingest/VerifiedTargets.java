package io.inlet.common.ingest;

import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.ReasonCode;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The {@link TargetCheck} of every index name operations go to, made before the first write to it and remembered:
 * a name that passed is not asked about again; one that did not is asked again at most every 5 seconds, and its
 * operations meanwhile are rejected with {@link ReasonCode#TARGET_MISSING} and the check's explanation (to the
 * dead-letter destination under DROP, stopping the partition under BLOCK). When OpenSearch cannot be asked, the
 * operation goes on: its write fails and is retried like any other.
 */
public final class VerifiedTargets {

    static final long RECHECK_NANOS = 5_000_000_000L;
    /** More names than this (a template with ${field:...} can make many) and the remembered ones are forgotten. */
    private static final int MAX_REMEMBERED = 10_000;

    private record Refusal(String problem, long atNanos) {
    }

    private final TargetCheck check;
    private final LongSupplier nanoTime;
    private final Set<String> passed = ConcurrentHashMap.newKeySet();
    private final Map<String, Refusal> refused = new ConcurrentHashMap<>();

    public VerifiedTargets(TargetCheck check, LongSupplier nanoTime) {
        this.check = check;
        this.nanoTime = nanoTime;
    }

    public void require(String index) throws MessageRejectedException {
        if (check == TargetCheck.NONE || passed.contains(index)) {
            return;
        }
        long now = nanoTime.getAsLong();
        Refusal r = refused.get(index);
        String problem;
        if (r != null && now - r.atNanos() < RECHECK_NANOS) {
            problem = r.problem();
        } else {
            try {
                problem = check.problem(index);
            } catch (RuntimeException e) {
                return; // OpenSearch cannot say now: the write will fail or not, and this is asked again
            }
            if (problem == null) {
                if (passed.size() >= MAX_REMEMBERED) {
                    passed.clear();
                }
                passed.add(index);
                refused.remove(index);
                return;
            }
            if (refused.size() >= MAX_REMEMBERED) {
                refused.clear();
            }
            refused.put(index, new Refusal(problem, now));
        }
        throw new MessageRejectedException(ReasonCode.TARGET_MISSING, "index", problem);
    }
}
