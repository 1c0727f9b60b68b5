/**
 * Auto-configuration of checkpointing: the {@code checkpointing.*} properties and their one
 * mapping to the engine, one configuration per backend, the customizers, the aspect, and the
 * auto-configurations of the endpoint, the health indicator and the meters.
 */
@NullMarked
package io.checkpointing.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
