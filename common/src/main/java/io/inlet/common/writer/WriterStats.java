package io.inlet.common.writer;

/**
 * What the writer is doing, for the state API and the metrics.
 *
 * @param concurrencyLimit  bulk requests allowed in flight now (the adaptive limit)
 * @param maxConcurrency    the most the limit may grow to ({@code num_processor_threads})
 * @param inFlight          bulk requests in flight now (tries of blocked messages included)
 * @param requests          bulk requests sent since start (first tries)
 * @param avgRequestBytes   average bytes of a request since start
 * @param lastRequestBytes  bytes of the last request
 * @param lastRequestOperations operations in the last request
 * @param queued            messages waiting for a request
 * @param heldByBlocks      messages held in partitions blocked under BLOCK, refused heads included
 * @param usualRttMillis    the usual round trip of a full request, in milliseconds (-1 before the first)
 * @param limitDecreases    how often the limit was cut (overload or rising latency)
 */
public record WriterStats(int concurrencyLimit, int maxConcurrency, int inFlight, long requests, long avgRequestBytes,
                          long lastRequestBytes, int lastRequestOperations, int queued, int heldByBlocks,
                          long usualRttMillis, long limitDecreases) {
}
