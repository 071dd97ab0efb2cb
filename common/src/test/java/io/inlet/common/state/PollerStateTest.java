package io.inlet.common.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inlet.common.error.ErrorPolicy;
import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;
import org.junit.jupiter.api.Test;

class PollerStateTest {

    private final PartitionState state = new PartitionState("orders", "0", Pointer.Kind.KAFKA_OFFSET,
            new ErrorPolicy(ErrorStrategy.BLOCK));

    @Test
    void closedIsFinalWhateverElseIsTrue() {
        for (boolean blocked : new boolean[] {false, true}) {
            for (boolean paused : new boolean[] {false, true}) {
                for (boolean processing : new boolean[] {false, true}) {
                    assertEquals(PollerState.CLOSED, PollerState.of(true, blocked, paused, processing));
                }
            }
        }
    }

    @Test
    void blockedShowsOverAPauseAndOverProcessing() {
        assertEquals(PollerState.BLOCKED, PollerState.of(false, true, true, true));
        assertEquals(PollerState.BLOCKED, PollerState.of(false, true, false, false));
    }

    @Test
    void aPauseShowsOverReadingAndProcessing() {
        assertEquals(PollerState.PAUSED, PollerState.of(false, false, true, true));
        assertEquals(PollerState.PROCESSING, PollerState.of(false, false, false, true));
        assertEquals(PollerState.POLLING, PollerState.of(false, false, false, false));
    }

    @Test
    void aNewPartitionPolls() {
        assertEquals(PollerState.POLLING, state.pollerState());
    }

    @Test
    void aBlockOutlastsBackpressureAndProcessingAndTheUnblockRestoresWhatIsTrueThen() {
        state.setProcessing(true);
        state.setBlocked(true);
        state.setBackpressured(true);
        state.setProcessing(false);
        assertEquals(PollerState.BLOCKED, state.pollerState());

        state.setBlocked(false);
        assertEquals(PollerState.PAUSED, state.pollerState(), "still paused by the full buffer");
        state.setBackpressured(false);
        assertEquals(PollerState.POLLING, state.pollerState());
    }

    @Test
    void theUsersPauseAndBackpressureAreIndependent() {
        state.setPaused(true);
        state.setBackpressured(true);
        state.setBackpressured(false);
        assertEquals(PollerState.PAUSED, state.pollerState(), "the user's pause holds after the buffer drained");
        state.setPaused(false);
        assertEquals(PollerState.POLLING, state.pollerState());
    }

    @Test
    void aClosedPartitionStaysClosed() {
        state.close();
        state.setProcessing(true);
        state.setBlocked(false);
        state.setPaused(false);
        assertEquals(PollerState.CLOSED, state.pollerState());
        assertEquals(PollerState.CLOSED, state.snapshot().pollerState());
    }
}
