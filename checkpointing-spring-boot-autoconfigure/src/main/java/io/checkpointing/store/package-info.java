/**
 * Where entries live: the {@link io.checkpointing.store.CacheBackend} SPI, the one
 * {@link io.checkpointing.store.EntryFormat entry format}, and the built-in backends.
 */
@NullMarked
package io.checkpointing.store;

import org.jspecify.annotations.NullMarked;
