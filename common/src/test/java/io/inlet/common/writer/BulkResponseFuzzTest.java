package io.inlet.common.writer;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.inlet.common.message.OpType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;

/**
 * Any answer to a {@code _bulk} request: the parser returns items the classifier can classify, or an I/O error
 * (which the writer treats as a failed request and retries); nothing else escapes. Seeds:
 * {@code BulkResponseFuzzTestInputs/} in the test resources.
 */
public class BulkResponseFuzzTest {

    /** The same property for Jazzer's own driver, which {@code bin/fuzz} runs for as long as it is asked to. */
    public static void fuzzerTestOneInput(byte[] body) {
        new BulkResponseFuzzTest().everyResponseIsItemsOrAnIoError(body);
    }

    @FuzzTest(maxDuration = "3s")
    void everyResponseIsItemsOrAnIoError(byte[] body) {
        List<BulkItemResult> items;
        try {
            items = BulkResponseParser.parse(new ByteArrayInputStream(body), 4);
        } catch (IOException e) {
            return;
        }
        for (BulkItemResult item : items) {
            assertNotNull(ItemClassifier.classify(OpType.INDEX, item.status(), item.errorType()));
            assertNotNull(item.failure().reasonCode());
        }
    }
}
