package io.inlet.common.ingest;

/**
 * Whether writes may go to an index name before the first one does: an alias must exist and have a write index,
 * a data stream must exist or an index template must make one, or OpenSearch would create a plain index of that
 * name on the first write and documents would land in the wrong kind of target.
 */
@FunctionalInterface
public interface TargetCheck {

    /** Every name is fine ({@code target.kind=index}). */
    TargetCheck NONE = index -> null;

    /**
     * What stops writes to {@code index} and what to do about it, or null when they may go.
     *
     * @throws RuntimeException when OpenSearch cannot be asked now; the check is made again later
     */
    String problem(String index);
}
