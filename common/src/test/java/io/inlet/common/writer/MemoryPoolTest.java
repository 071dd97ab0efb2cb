package io.inlet.common.writer;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryPoolTest {

    @Test
    void oneWriterAloneMayUseTheWholeBudget() {
        MemoryPool pool = MemoryPool.of(100, 1_000);
        MemoryBound a = pool.join();
        MemoryBound b = pool.join();
        b.close(); // b joined and left: a is alone again

        a.force(90);

        assertTrue(a.fits(10), "the rest of the budget: " + pool.bytes());
        assertFalse(a.fits(11));
        assertTrue(a.atLeast(0.9));
    }

    @Test
    void writersSplitTheBudgetAndBorrowWhatIsFree() {
        MemoryPool pool = MemoryPool.of(100, 1_000);
        MemoryBound a = pool.join();
        MemoryBound b = pool.join();

        a.force(70); // over its share of 50, in what the pool had free

        assertEquals(70, pool.bytes());
        assertTrue(b.fits(30), "b takes the rest of the pool");
        b.force(30);
        assertFalse(a.fits(1), "a is over its share and the pool is full");
        assertTrue(a.atLeast(1.0), "full for a: its source pauses");
        assertTrue(b.fits(20), "b is always allowed its share, even with the pool full");
        assertFalse(b.atLeast(1.0), "b may still read");
        b.force(20);
        assertFalse(b.fits(1), "b at its share and the pool over the bound");
        assertEquals(120, pool.bytes(), "at most one share over the bound, while another writer holds more than its own");
    }

    @Test
    void aWriterPausedOverItsShareResumesWhenThePoolOrItsShareDrains() {
        MemoryPool pool = MemoryPool.of(100, 1_000);
        MemoryBound a = pool.join();
        MemoryBound b = pool.join();
        a.force(60);
        b.force(40);
        assertTrue(a.atLeast(0.5));

        b.release(40);
        b.release(0);
        a.release(20);

        assertEquals(40, pool.bytes());
        assertFalse(a.atLeast(0.5), "the pool is under half full: a resumes although it holds 40 of its 50");
    }

    @Test
    void aWriterThatLeavesGivesBackWhatItStillHeld() {
        MemoryPool pool = MemoryPool.of(100, 1_000);
        MemoryBound a = pool.join();
        MemoryBound b = pool.join();
        a.force(60);
        b.force(40);

        a.close();
        a.release(60); // a sender finishing after the close changes nothing

        assertEquals(40, pool.bytes());
        assertEquals(1, pool.writers());
        assertTrue(b.fits(60), "b alone: the whole budget");
    }

    @Test
    void theMessageBoundIsSharedTheSameWay() {
        MemoryPool pool = MemoryPool.of(1_000_000, 4);
        MemoryBound a = pool.join();
        MemoryBound b = pool.join();
        a.force(1);
        a.force(1);
        a.force(1);

        assertTrue(a.fits(1), "the fourth message of the pool");
        a.force(1);
        assertFalse(a.fits(1));
        assertTrue(b.fits(1), "b holds nothing: anything fits");
        b.force(1);
        assertTrue(b.fits(1), "b's share is 2 messages");
        b.force(1);
        assertFalse(b.fits(1));
    }

    @Test
    void writersOfOneKeyShareOnePoolUntilTheLastLeaves() {
        MemoryPool first = MemoryPool.shared("pool-test-connector", 100, 10);
        MemoryBound a = first.join();
        MemoryPool second = MemoryPool.shared("pool-test-connector", 200, 10);
        MemoryBound b = second.join();

        assertSame(first, second);
        assertEquals(200, a.maxBytes(), "the latest limits given");
        assertNotSame(first, MemoryPool.shared("pool-test-other", 100, 10));
        a.close();
        b.close();
        MemoryPool.shared("pool-test-other", 100, 10).join().close();

        MemoryPool third = MemoryPool.shared("pool-test-connector", 100, 10);
        assertNotSame(first, third, "the last writer to leave removed the pool");
        third.join().close();
    }
}
