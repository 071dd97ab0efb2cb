package io.inlet.bench;

import io.inlet.common.mapper.DefaultMapper;
import io.inlet.common.mapper.MessageMapper;
import io.inlet.common.mapper.MessageRejectedException;
import io.inlet.common.mapper.Target;
import io.inlet.common.message.DocOp;
import io.inlet.common.message.KafkaOffset;
import io.inlet.common.message.StreamMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The {@code default} mapper on one thread: messages per second per core for a ~1 KB envelope whose
 * {@code _source} is a realistic order (customer, address, five line items, non-ASCII text). Run with
 * {@code -prof gc} for the bytes allocated per message ({@code gc.alloc.rate.norm}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MapperBenchmark {

    /** An order as a shop's change stream would publish it, in the OpenSearch envelope. */
    static final String ENVELOPE = """
            {"_id":"ord-2026-04-000123","_version":1714567890123,"_op_type":"index","_source":{\
            "order_id":"ord-2026-04-000123","status":"paid","created_at":"2026-04-30T14:21:07.512Z",\
            "currency":"EUR","total":284.37,\
            "customer":{"id":"cus-88412","name":"Zoë Ångström-Müller","email":"zoe.angstrom@example.com",\
            "loyalty":{"tier":"gold","points":12840},\
            "address":{"street":"Große Straße 12","city":"München","postal_code":"80331","country":"DE",\
            "geo":{"lat":48.1372,"lon":11.5756}}},\
            "items":[\
            {"sku":"BK-1984","name":"Nineteen Eighty-Four — paperback","qty":1,"unit_price":12.99,"tags":["books","fiction"]},\
            {"sku":"KT-0042","name":"Café au lait mug ☕ 350 ml","qty":2,"unit_price":14.50,"tags":["kitchen"]},\
            {"sku":"EL-7731","name":"USB-C charger 65 W","qty":1,"unit_price":39.90,"tags":["electronics","sale"]},\
            {"sku":"TX-5120","name":"Écharpe en laine — bleu nuit","qty":1,"unit_price":59.00,"tags":["fashion"]},\
            {"sku":"JP-0808","name":"抹茶 matcha tea 100 g","qty":3,"unit_price":45.66,"tags":["food","import"]}],\
            "shipping":{"method":"express","carrier":"DHL","cost":9.90},\
            "notes":"Bitte vor 18 Uhr liefern, Geschenkverpackung ✓"}}""";

    private final MessageMapper mapper = new DefaultMapper();
    private final Target target = Target.of("orders");
    private StreamMessage message;

    @Setup
    public void setUp() throws MessageRejectedException {
        byte[] payload = ENVELOPE.getBytes(StandardCharsets.UTF_8);
        message = new StreamMessage("orders", "3", "ord-2026-04-000123".getBytes(StandardCharsets.UTF_8), payload,
                Map.of(), new KafkaOffset(1_234_567), 1_714_567_890_123L);
        DocOp op = mapper.map(message, target);
        if (op.source() == null || op.version() == null || !op.id().equals("ord-2026-04-000123")) {
            throw new IllegalStateException("the benchmark envelope did not map as expected: " + op);
        }
    }

    @Benchmark
    public DocOp defaultMapper() throws MessageRejectedException {
        return mapper.map(message, target);
    }
}
