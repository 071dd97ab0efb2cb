package io.inlet.common.error;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ErrorPolicyTest {

    @Test
    void switchesAtRuntime() {
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        assertTrue(policy.isBlock());
        assertEquals(ErrorStrategy.BLOCK, policy.switchTo(ErrorStrategy.DROP));
        assertEquals(ErrorStrategy.DROP, policy.current());
        assertTrue(policy.isDrop());
        assertFalse(policy.isBlock());
    }

    @Test
    void aSwitchIsSeenByAnotherThread() throws InterruptedException {
        ErrorPolicy policy = new ErrorPolicy(ErrorStrategy.BLOCK);
        CountDownLatch seen = new CountDownLatch(1);
        Thread blocked = new Thread(() -> {
            while (policy.isBlock()) {
                Thread.onSpinWait();
            }
            seen.countDown();
        });
        blocked.start();
        policy.switchTo(ErrorStrategy.DROP);
        assertTrue(seen.await(10, TimeUnit.SECONDS));
        blocked.join();
    }

    @Test
    void refusesNull() {
        assertThrows(NullPointerException.class, () -> new ErrorPolicy(null));
        assertThrows(NullPointerException.class, () -> new ErrorPolicy(ErrorStrategy.DROP).switchTo(null));
    }
}
