package io.inlet.kinesis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inlet.common.error.ErrorStrategy;
import io.inlet.common.message.Pointer;
import io.inlet.common.state.CountersSnapshot;
import io.inlet.common.state.IngestionSnapshot;
import io.inlet.common.state.PartitionSnapshot;
import io.inlet.common.state.PollerState;
import io.inlet.kinesis.rest.WorkerControl;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerMetricsTest {

    @Test
    void rendersCountersAndGaugesPerShard() {
        PartitionSnapshot p = new PartitionSnapshot("orders", "shardId-000000000001", Pointer.Kind.SEQUENCE_NUMBER,
                PollerState.PAUSED, ErrorStrategy.DROP, true, null, null, null, null, 250L,
                new CountersSnapshot(10, 1, 2, 3, 4, 5, 6, 7), null, "w");
        String text = WorkerMetrics.render(new IngestionSnapshot("app", List.of(p)),
                new WorkerControl.WorkerStatus("w\"1", "app", "orders", true, true, 3, 300));
        String labels = "{application=\"app\",stream=\"orders\",shard=\"shardId-000000000001\"}";
        for (String line : List.of("inlet_processed_total" + labels + " 10", "inlet_invalid_messages_total" + labels + " 1",
                "inlet_version_conflicts_total" + labels + " 2", "inlet_failed_total" + labels + " 3",
                "inlet_dropped_total" + labels + " 4", "inlet_retries_total" + labels + " 5",
                "inlet_indexed_total" + labels + " 6", "inlet_deleted_total" + labels + " 7",
                "inlet_lag_millis" + labels + " 250", "inlet_paused" + labels + " 1", "inlet_blocked" + labels + " 0",
                "inlet_scheduler_running{application=\"app\",worker=\"w\\\"1\"} 1",
                "inlet_buffered_messages{application=\"app\",worker=\"w\\\"1\"} 3",
                "# TYPE inlet_processed_total counter", "# TYPE inlet_lag_millis gauge")) {
            assertTrue(text.lines().anyMatch(line::equals), line + " in:\n" + text);
        }
        assertEquals("a\\\\b\\\"c\\n", WorkerMetrics.escape("a\\b\"c\n"));
    }
}
