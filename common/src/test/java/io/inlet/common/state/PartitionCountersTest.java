package io.inlet.common.state;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PartitionCountersTest {

    @Test
    void eachIncrementCountsInItsOwnCounter() {
        PartitionCounters counters = new PartitionCounters();
        counters.incrementProcessed();
        counters.incrementProcessed();
        counters.incrementInvalidMessages();
        counters.incrementVersionConflicts();
        counters.incrementFailed();
        counters.incrementDropped();
        counters.incrementRetries();
        counters.addRetries(4);
        counters.incrementIndexed();
        counters.incrementDeleted();
        assertEquals(new CountersSnapshot(2, 1, 1, 1, 1, 5, 1, 1), counters.snapshot());
    }

    @Test
    void concurrentIncrementsAreAllCounted() throws Exception {
        PartitionCounters counters = new PartitionCounters();
        int threads = 6;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        counters.incrementProcessed();
                        counters.incrementIndexed();
                        if (i % 10 == 0) {
                            counters.incrementVersionConflicts();
                        }
                        counters.incrementRetries();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        CountersSnapshot snapshot = counters.snapshot();
        assertEquals((long) threads * perThread, snapshot.processed());
        assertEquals((long) threads * perThread, snapshot.indexed());
        assertEquals((long) threads * perThread, snapshot.retries());
        assertEquals((long) threads * perThread / 10, snapshot.versionConflicts());
        assertEquals(0, snapshot.failed());
    }
}
