/**
 * The engine: {@link io.checkpointing.engine.CheckpointEngine} turns a call into a key, returns
 * the stored result or runs the method once and stores it. Usable from plain Java; no Spring.
 * {@code docs/architecture.md} follows a call through its classes.
 */
@NullMarked
package io.checkpointing.engine;

import org.jspecify.annotations.NullMarked;
