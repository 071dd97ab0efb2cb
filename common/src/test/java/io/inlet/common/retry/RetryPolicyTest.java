package io.inlet.common.retry;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetryPolicyTest {

    @Test
    void defaultsRetryForever() {
        RetryPolicy policy = RetryPolicy.defaults();
        assertEquals(100, policy.baseMillis());
        assertEquals(30_000, policy.capMillis());
        assertTrue(policy.isUnlimited());
        assertTrue(policy.mayRetryAfter(Integer.MAX_VALUE - 1));
    }

    @Test
    void limitedAttemptsCountTheFirstOne() {
        RetryPolicy policy = RetryPolicy.defaults().withMaxAttempts(3);
        assertTrue(policy.mayRetryAfter(0));
        assertTrue(policy.mayRetryAfter(1));
        assertFalse(policy.mayRetryAfter(2));
        assertFalse(RetryPolicy.defaults().withMaxAttempts(1).mayRetryAfter(0));
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(0, 100, 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(100, 99, 1));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(100, 100, 0));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(100, 100, -2));
        assertThrows(IllegalArgumentException.class, () -> RetryPolicy.defaults().mayRetryAfter(-1));
    }
}
