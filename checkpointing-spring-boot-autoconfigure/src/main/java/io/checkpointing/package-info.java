/**
 * The public API: {@link io.checkpointing.Checkpoint @Checkpoint}, the error policy and the
 * {@link io.checkpointing.Checkpoints} operations. Nothing here depends on Spring.
 */
@NullMarked
package io.checkpointing;

import org.jspecify.annotations.NullMarked;
