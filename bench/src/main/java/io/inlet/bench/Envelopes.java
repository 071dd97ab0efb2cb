package io.inlet.bench;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * The benchmark's documents: message {@code i} (0 ≤ i &lt; N) is an order as a shop's change stream would
 * publish it, in OpenSearch's pull-based ingestion envelope
 * {@code {"_id","_version","_op_type":"index","_source":{...}}}, about 1 KB (customer with nested address and
 * geo point, 2–6 line items, shipping, free text with non-ASCII characters). The same {@code i} always gives
 * the same bytes, so the ceiling, Inlet and the native ingestion write identical documents. Every id occurs
 * once: a fresh index ends with exactly N documents.
 */
public final class Envelopes {

    /** The explicit mapping every benchmark index gets (native pull-based ingestion requires one). */
    public static final String MAPPING = """
            {"dynamic":"strict","properties":{
              "order_id":{"type":"keyword"},"status":{"type":"keyword"},"created_at":{"type":"date"},
              "currency":{"type":"keyword"},"total":{"type":"double"},
              "customer":{"properties":{"id":{"type":"keyword"},"name":{"type":"text"},"email":{"type":"keyword"},
                "loyalty":{"properties":{"tier":{"type":"keyword"},"points":{"type":"long"}}},
                "address":{"properties":{"street":{"type":"text"},"city":{"type":"keyword"},"postal_code":{"type":"keyword"},
                  "country":{"type":"keyword"},"geo":{"type":"geo_point"}}}}},
              "items":{"properties":{"sku":{"type":"keyword"},"name":{"type":"text"},"qty":{"type":"integer"},
                "unit_price":{"type":"double"},"tags":{"type":"keyword"}}},
              "shipping":{"properties":{"method":{"type":"keyword"},"carrier":{"type":"keyword"},"cost":{"type":"double"}}},
              "notes":{"type":"text"}}}""";

    private static final String[] STATUS = {"created", "paid", "packed", "shipped", "delivered", "refunded"};
    private static final String[] FIRST = {"Zoë", "Åsa", "Jürgen", "Amélie", "Lukas", "Mia", "Noah", "Chloé", "Søren", "Inês",
        "Mateo", "Yuki", "Olga", "Farid", "Grace"};
    private static final String[] LAST = {"Ångström-Müller", "Nowak", "García", "O'Brien", "Kowalski", "Dubois", "Rossi",
        "Yamamoto", "Schmidt", "Larsen", "Silva", "Novák", "Kaya", "Jensen", "Fischer"};
    private static final String[][] CITIES = {
        {"München", "80331", "DE", "48.1372", "11.5756"}, {"Lyon", "69002", "FR", "45.7640", "4.8357"},
        {"Kraków", "31-042", "PL", "50.0647", "19.9450"}, {"Göteborg", "411 06", "SE", "57.7089", "11.9746"},
        {"Porto", "4050-253", "PT", "41.1579", "-8.6291"}, {"Zürich", "8001", "CH", "47.3769", "8.5417"},
        {"Bologna", "40121", "IT", "44.4949", "11.3426"}, {"Aarhus", "8000", "DK", "56.1629", "10.2039"}};
    private static final String[][] PRODUCTS = {
        {"BK-1984", "Nineteen Eighty-Four — paperback", "books"}, {"KT-0042", "Café au lait mug ☕ 350 ml", "kitchen"},
        {"EL-7731", "USB-C charger 65 W", "electronics"}, {"TX-5120", "Écharpe en laine — bleu nuit", "fashion"},
        {"JP-0808", "抹茶 matcha tea 100 g", "food"}, {"GD-3310", "Garden hose 25 m, anti-kink", "garden"},
        {"TY-7007", "Wooden train set (42 pieces)", "toys"}, {"SP-2121", "Yoga mat 6 mm — forest green", "sports"},
        {"EL-9001", "Noise-cancelling headphones", "electronics"}, {"BK-4242", "The Hitchhiker's Guide — hardcover", "books"}};
    private static final String[] NOTES = {
        "Bitte vor 18 Uhr liefern, Geschenkverpackung ✓",
        "Leave the parcel with the neighbour at number 14 if nobody answers the door.",
        "Livraison en point relais, merci de prévenir par SMS avant le passage du transporteur.",
        "Gift for a birthday on Friday: please do not include the invoice in the box.",
        "Entregar en recepción; el edificio cierra a las 20:00 los fines de semana."};
    private static final String[] CARRIERS = {"DHL", "UPS", "GLS", "DPD", "PostNord"};

    private final long seed;

    public Envelopes(long seed) {
        this.seed = seed;
    }

    public static String id(long i) {
        return String.format("ord-%09d", i);
    }

    /** The version every message carries: the same for all (each id occurs once), as a change stream's first write. */
    public static long version(long i) {
        return 1_700_000_000_000L + i;
    }

    /** The envelope of message {@code i}: what the topic and the stream hold. */
    public byte[] envelope(long i) {
        StringBuilder b = new StringBuilder(1400);
        b.append("{\"_id\":\"").append(id(i)).append("\",\"_version\":\"").append(version(i))
                .append("\",\"_op_type\":\"index\",\"_source\":");
        appendSource(b, i);
        b.append('}');
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The document ({@code _source}) of message {@code i}: what the ceiling's bulk loader sends. */
    public byte[] source(long i) {
        StringBuilder b = new StringBuilder(1300);
        appendSource(b, i);
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void appendSource(StringBuilder b, long i) {
        SplittableRandom r = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
        String[] city = CITIES[r.nextInt(CITIES.length)];
        int items = 2 + r.nextInt(5);
        long cents = 0;
        StringBuilder lines = new StringBuilder(600);
        for (int k = 0; k < items; k++) {
            String[] p = PRODUCTS[r.nextInt(PRODUCTS.length)];
            int qty = 1 + r.nextInt(4);
            int price = 199 + r.nextInt(9_800);
            cents += (long) qty * price;
            if (k > 0) {
                lines.append(',');
            }
            lines.append("{\"sku\":\"").append(p[0]).append("\",\"name\":\"").append(p[1]).append("\",\"qty\":").append(qty)
                    .append(",\"unit_price\":").append(price / 100).append('.').append(two(price % 100))
                    .append(",\"tags\":[\"").append(p[2]).append('"').append(r.nextInt(3) == 0 ? ",\"sale\"" : "").append("]}");
        }
        int shipping = r.nextInt(3) == 0 ? 0 : 490 + r.nextInt(1000);
        cents += shipping;
        String first = FIRST[r.nextInt(FIRST.length)];
        String last = LAST[r.nextInt(LAST.length)];
        long customer = r.nextLong(1_000_000);
        b.append("{\"order_id\":\"").append(id(i)).append("\",\"status\":\"").append(STATUS[r.nextInt(STATUS.length)])
                .append("\",\"created_at\":\"2026-").append(two(1 + r.nextInt(12))).append('-').append(two(1 + r.nextInt(28)))
                .append('T').append(two(r.nextInt(24))).append(':').append(two(r.nextInt(60))).append(':').append(two(r.nextInt(60)))
                .append('.').append(100 + r.nextInt(900)).append("Z\",\"currency\":\"EUR\",\"total\":").append(cents / 100).append('.')
                .append(two((int) (cents % 100)))
                .append(",\"customer\":{\"id\":\"cus-").append(customer).append("\",\"name\":\"").append(first).append(' ').append(last)
                .append("\",\"email\":\"customer").append(customer).append("@example.com\",\"loyalty\":{\"tier\":\"")
                .append(r.nextBoolean() ? "gold" : "silver").append("\",\"points\":").append(r.nextInt(50_000))
                .append("},\"address\":{\"street\":\"").append(1 + r.nextInt(200)).append(" Hauptstraße\",\"city\":\"").append(city[0])
                .append("\",\"postal_code\":\"").append(city[1]).append("\",\"country\":\"").append(city[2])
                .append("\",\"geo\":{\"lat\":").append(city[3]).append(",\"lon\":").append(city[4]).append("}}},\"items\":[")
                .append(lines).append("],\"shipping\":{\"method\":\"").append(shipping == 0 ? "standard" : "express")
                .append("\",\"carrier\":\"").append(CARRIERS[r.nextInt(CARRIERS.length)]).append("\",\"cost\":")
                .append(shipping / 100).append('.').append(two(shipping % 100)).append("},\"notes\":\"")
                .append(NOTES[r.nextInt(NOTES.length)]).append("\"}");
    }

    private static String two(int v) {
        return v < 10 ? "0" + v : Integer.toString(v);
    }
}
