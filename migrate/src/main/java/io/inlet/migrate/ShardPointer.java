package io.inlet.migrate;

/**
 * Where a shard's native ingestion stands: the start of the batch it has not committed yet
 * ({@code batch_start_pointer} in {@code GET /<index>/ingestion/_state}). Shard {@code n} reads partition {@code n}.
 *
 * @param shard   the shard, which is the partition it reads
 * @param pointer the pointer as OpenSearch shows it, or null when the shard has read nothing yet
 * @param paused  whether its poller is paused
 * @param state   its poller state
 */
record ShardPointer(int shard, String pointer, boolean paused, String state) {
}
