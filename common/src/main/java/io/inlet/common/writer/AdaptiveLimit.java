package io.inlet.common.writer;

import io.inlet.common.retry.Clock;

/**
 * How many bulk requests may be in flight at once, adapted by additive increase and multiplicative
 * decrease (AIMD, as TCP's congestion window, Vector's adaptive request concurrency or Netflix's
 * concurrency-limits): every answered request that was sent while the limit was in use and came back
 * without overload and without its latency rising adds one; an overload answer (429,
 * {@code es_rejected_execution_exception}) or a latency rising beyond what the requests in flight explain halves
 * it, at most once per usual round trip, so one burst of slow answers counts once. The limit stays between 1 and
 * {@code max}.
 *
 * <p>A request sent with {@code k} requests in flight (itself included) may wait behind the other {@code k - 1}
 * when the cluster is busy: on a saturated cluster the round trip grows with the requests in flight while the
 * throughput stays, and that is no reason to send fewer (on one shard of a 2-core node, two requests in flight
 * take about twice as long as one, and still index more than one does). So a full request is slow when its round
 * trip passes {@value #TOLERANCE} times the usual one times {@code k}: the cluster then answers less than half of
 * what it answered at its best for as many requests, because something else slows it down (its write queue
 * backing up, merges, other clients), and fewer requests leave it room.
 *
 * <p>"The usual latency" is the shortest round trip of a full request among the recent ones (a request cut short
 * by the linger is cheaper and would make every full one look slow): what a full request costs when the cluster
 * is not queueing it behind others, as TCP Vegas or BBR take the least round trip as their base. A moving average
 * would learn a saturated cluster's latency as usual and never back off; the least of a window of
 * {@value #WINDOW} samples (the last two windows) still follows a cluster that became slower for good.
 * Thread-safe.
 */
final class AdaptiveLimit {

    /** Full requests per window of the least round trip. */
    static final int WINDOW = 50;
    /** A full request slower than this many times the usual round trip, per request in flight, means the cluster is saturating. */
    static final double TOLERANCE = 2.0;
    static final double DECREASE = 0.5;
    /** Round trips shorter than this never count as rising latency (noise on an idle loopback). */
    private static final long LATENCY_FLOOR_MILLIS = 20;

    private final int max;
    private final Clock clock;
    private int limit;
    private long windowMin = Long.MAX_VALUE;
    private long previousWindowMin = Long.MAX_VALUE;
    private int windowSamples;
    private long lastDecreaseMillis = Long.MIN_VALUE / 2;
    private long decreases;

    AdaptiveLimit(int initial, int max, Clock clock) {
        if (max < 1) {
            throw new IllegalArgumentException("the most requests in flight must be at least 1, got " + max);
        }
        this.max = max;
        this.limit = Math.max(1, Math.min(initial, max));
        this.clock = clock;
    }

    synchronized int current() {
        return limit;
    }

    int max() {
        return max;
    }

    /** How often the limit was cut since start. */
    synchronized long decreases() {
        return decreases;
    }

    /** The usual round trip of a full request, in milliseconds; -1 before the first one. */
    synchronized long usualRttMillis() {
        long usual = Math.min(windowMin, previousWindowMin);
        return usual == Long.MAX_VALUE ? -1 : usual;
    }

    private void sample(long rttMillis) {
        windowMin = Math.min(windowMin, rttMillis);
        if (++windowSamples >= WINDOW) {
            previousWindowMin = windowMin;
            windowMin = Long.MAX_VALUE;
            windowSamples = 0;
        }
    }

    /**
     * One answered request.
     *
     * @param rttMillis  from sending to the answer
     * @param inFlight   requests in flight when it was sent, itself included
     * @param full       whether it was a full batch (by count or bytes), so its latency is comparable
     * @param overloaded whether OpenSearch pushed back (429 or rejected execution, for the request or items)
     */
    synchronized void onAnswer(long rttMillis, int inFlight, boolean full, boolean overloaded) {
        long now = clock.nowMillis();
        long usual = usualRttMillis();
        boolean slow = full && usual > 0 && rttMillis > LATENCY_FLOOR_MILLIS
                && rttMillis > usual * TOLERANCE * Math.max(1, inFlight);
        if (full) {
            sample(rttMillis);
        }
        if (overloaded || slow) {
            if (limit > 1 && now - lastDecreaseMillis >= Math.max(usual, LATENCY_FLOOR_MILLIS)) {
                limit = Math.max(1, (int) Math.floor(limit * DECREASE));
                lastDecreaseMillis = now;
                decreases++;
            }
            return;
        }
        if (inFlight >= limit && limit < max) {
            limit++;
        }
    }
}
