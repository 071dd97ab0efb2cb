package io.inlet.kinesis;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The worker ITs' shared set-up: one {@link WorkerTestKit} (services and clients) per test class. */
abstract class WithWorkerKit {

    static WorkerTestKit kit;

    @BeforeAll
    static void services() {
        kit = new WorkerTestKit();
    }

    @AfterAll
    static void close() {
        kit.close();
    }
}
