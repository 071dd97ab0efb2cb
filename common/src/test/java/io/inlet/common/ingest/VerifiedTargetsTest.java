package io.inlet.common.ingest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.ReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTargetsTest {

    private final AtomicLong now = new AtomicLong();
    private final List<String> asked = new ArrayList<>();
    private String answer = "create it";
    private boolean reachable = true;
    private final VerifiedTargets targets = new VerifiedTargets(index -> {
        asked.add(index);
        if (!reachable) {
            throw new IllegalStateException("connection refused");
        }
        return answer;
    }, now::get);

    @Test
    void aMissingTargetRejectsItsOperationsAndIsAskedAgainEveryFiveSeconds() {
        MessageRejectedException e = assertThrows(MessageRejectedException.class, () -> targets.require("logs"));
        assertEquals(ReasonCode.TARGET_MISSING, e.reason());
        assertEquals("create it", e.getMessage());
        assertThrows(MessageRejectedException.class, () -> targets.require("logs"));
        assertEquals(List.of("logs"), asked, "within 5 s the answer is remembered");

        answer = null; // the user created it
        now.addAndGet(VerifiedTargets.RECHECK_NANOS);
        assertDoesNotThrow(() -> targets.require("logs"));
        assertDoesNotThrow(() -> targets.require("logs"));
        assertEquals(List.of("logs", "logs"), asked, "a name that passed is not asked about again");
    }

    @Test
    void whenOpenSearchCannotSayTheOperationGoesOnAndTheNameIsAskedAgain() {
        reachable = false;
        assertDoesNotThrow(() -> targets.require("logs"));
        assertDoesNotThrow(() -> targets.require("logs"));
        assertEquals(List.of("logs", "logs"), asked);
    }

    @Test
    void noCheckAsksNothing() {
        VerifiedTargets none = new VerifiedTargets(TargetCheck.NONE, now::get);
        assertDoesNotThrow(() -> none.require("anything"));
    }
}
