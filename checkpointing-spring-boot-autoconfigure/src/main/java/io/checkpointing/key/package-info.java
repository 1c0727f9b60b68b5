/**
 * The identity of a call: the code fingerprint of the method, the state it reads and the
 * canonical form of its arguments, combined into a {@link io.checkpointing.key.CallKey}.
 */
@NullMarked
package io.checkpointing.key;

import org.jspecify.annotations.NullMarked;
