/**
 * Auto-configuration of checkpointing: the engine, the default backend and serializers, the
 * aspect, and the {@code checkpointing.*} properties.
 */
@NullMarked
package io.checkpointing.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
