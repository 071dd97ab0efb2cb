package io.inlet.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EnvelopesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anEnvelopeIsValidJsonWithItsIdVersionAndSource() throws Exception {
        Envelopes e = new Envelopes(7);
        JsonNode n = JSON.readTree(e.envelope(42));
        assertEquals("ord-000000042", n.path("_id").asText());
        assertEquals(Long.toString(Envelopes.version(42)), n.path("_version").asText());
        assertEquals("index", n.path("_op_type").asText());
        assertEquals(JSON.readTree(e.source(42)), n.path("_source"));
        assertEquals("ord-000000042", n.path("_source").path("order_id").asText());
    }

    @Test
    void theSameIndexGivesTheSameBytesAndTheAverageIsAboutOneKilobyte() {
        Envelopes a = new Envelopes(7);
        Envelopes b = new Envelopes(7);
        long total = 0;
        for (int i = 0; i < 2000; i++) {
            byte[] x = a.envelope(i);
            assertArrayEquals(x, b.envelope(i));
            total += x.length;
        }
        long avg = total / 2000;
        assertTrue(avg > 850 && avg < 1250, "average envelope " + avg + " bytes");
    }

    @Test
    void everySourceFieldIsInTheStrictMapping() throws Exception {
        JsonNode mapping = JSON.readTree(Envelopes.MAPPING).path("properties");
        JsonNode source = JSON.readTree(new Envelopes(1).source(3));
        source.fieldNames().forEachRemaining(f -> assertTrue(mapping.has(f), "unmapped field " + f));
    }
}
