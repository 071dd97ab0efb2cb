package io.inlet.common.writer;

import io.inlet.common.message.OpType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.inlet.common.writer.ItemClassifier.classify;
import static io.inlet.common.writer.ItemClassifier.classifyRequestFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ItemClassifierTest {

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            // 2xx
            "INDEX,  200, null, SUCCESS",
            "INDEX,  201, null, SUCCESS",
            "CREATE, 201, null, SUCCESS",
            "UPDATE, 200, null, SUCCESS",
            "DELETE, 200, null, SUCCESS",
            // stale
            "INDEX,  409, version_conflict_engine_exception, STALE",
            "CREATE, 409, version_conflict_engine_exception, STALE",
            "DELETE, 409, version_conflict_engine_exception, STALE",
            "UPDATE, 409, version_conflict_engine_exception, STALE",
            // a delete of an absent document
            "DELETE, 404, null, SUCCESS",
            "DELETE, 404, not_found, SUCCESS",
            "DELETE, 404, index_not_found_exception, SUCCESS",
            // retriable by status
            "INDEX,  429, null, RETRIABLE",
            "INDEX,  500, null, RETRIABLE",
            "INDEX,  502, null, RETRIABLE",
            "INDEX,  503, null, RETRIABLE",
            "INDEX,  504, null, RETRIABLE",
            "DELETE, 503, null, RETRIABLE",
            "INDEX,  500, mapper_parsing_exception, RETRIABLE",
            // retriable by type
            "INDEX,  429, es_rejected_execution_exception, RETRIABLE",
            "INDEX,  429, rejected_execution_exception, RETRIABLE",
            "INDEX,  403, cluster_block_exception, RETRIABLE",
            "INDEX,  429, cluster_block_exception, RETRIABLE",
            "DELETE, 403, cluster_block_exception, RETRIABLE",
            "INDEX,  429, circuit_breaking_exception, RETRIABLE",
            "INDEX,  503, process_cluster_event_timeout_exception, RETRIABLE",
            "INDEX,  503, unavailable_shards_exception, RETRIABLE",
            "INDEX,  500, node_not_connected_exception, RETRIABLE",
            "INDEX,  503, no_shard_available_action_exception, RETRIABLE",
            "INDEX,  400, es_rejected_execution_exception, RETRIABLE",
            // rejected
            "INDEX,  400, mapper_parsing_exception, REJECTED",
            "INDEX,  400, document_parsing_exception, REJECTED",
            "INDEX,  400, illegal_argument_exception, REJECTED",
            "INDEX,  400, strict_dynamic_mapping_exception, REJECTED",
            "CREATE, 400, action_request_validation_exception, REJECTED",
            "UPDATE, 400, illegal_argument_exception, REJECTED",
            "INDEX,  400, null, REJECTED",
            "INDEX,  403, security_exception, REJECTED",
            "INDEX,  404, index_not_found_exception, REJECTED",
            "UPDATE, 404, document_missing_exception, REJECTED",
            "INDEX,  409, null, REJECTED",
            "INDEX,  413, null, REJECTED",
            "DELETE, 404, illegal_argument_exception, REJECTED",
            "DELETE, 400, mapper_parsing_exception, REJECTED",
    })
    void classifiesEachItem(OpType op, int status, String errorType, ItemOutcome expected) {
        assertEquals(expected, classify(op, status, errorType));
    }

    @Test
    void errorTypesAreMatchedWhateverTheirCase() {
        assertEquals(ItemOutcome.RETRIABLE, classify(OpType.INDEX, 403, " Cluster_Block_Exception "));
        assertEquals(ItemOutcome.STALE, classify(OpType.INDEX, 409, "VERSION_CONFLICT_ENGINE_EXCEPTION"));
        assertEquals(ItemOutcome.SUCCESS, classify(OpType.DELETE, 404, ""));
    }

    @Test
    void refusesAMissingOp() {
        assertThrows(NullPointerException.class, () -> classify(null, 200, null));
    }

    @ParameterizedTest(name = "{0} {1} x{2} -> {3}")
    @CsvSource(nullValues = "null", value = {
            "0,   null, 100, RETRY",
            "429, null, 100, RETRY",
            "500, null, 100, RETRY",
            "503, null, 1,   RETRY",
            "403, cluster_block_exception, 100, RETRY",
            "400, null, 100, SPLIT",
            "400, action_request_validation_exception, 2, SPLIT",
            "413, null, 100, SPLIT",
            "400, action_request_validation_exception, 1, REJECT",
            "413, null, 1, REJECT",
            "401, null, 100, RETRY",
            "403, security_exception, 100, RETRY",
            "404, null, 1, RETRY",
    })
    void classifiesWholeRequestFailures(int status, String errorType, int items, RequestOutcome expected) {
        assertEquals(expected, classifyRequestFailure(status, errorType, items));
    }

    @Test
    void statusOnlyRequestFailures() {
        assertEquals(RequestOutcome.RETRY, classifyRequestFailure(ItemClassifier.NO_RESPONSE));
        assertEquals(RequestOutcome.RETRY, classifyRequestFailure(429));
        assertEquals(RequestOutcome.RETRY, classifyRequestFailure(502));
        assertEquals(RequestOutcome.SPLIT, classifyRequestFailure(400));
        assertEquals(RequestOutcome.SPLIT, classifyRequestFailure(413));
    }
}
