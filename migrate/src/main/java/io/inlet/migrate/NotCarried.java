package io.inlet.migrate;

/**
 * A setting of the native index that the Inlet config does not carry, and why (or where it goes instead).
 *
 * @param setting its full name, e.g. {@code index.ingestion_source.internal_queue_size}
 * @param value   its value on the index
 * @param why     why it is left out, or what to do instead
 */
record NotCarried(String setting, String value, String why) {
}
