package io.inlet.common.redrive;

import java.util.Locale;

/** What a re-drive did with one dead letter, as recorded in its {@code redrive_result}. */
public enum RedriveResult {
    /** Written to the target. */
    INDEXED,
    /** A delete, carried out (or the document was already absent). */
    DELETED,
    /** The target already holds this version or a newer one (or, for a data stream, this document): nothing written. */
    STALE,
    /** Refused again: the entry stays in the dead-letter index with the new reason. */
    REJECTED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
