/**
 * Actuator support: the {@code checkpoints} endpoint and the {@code checkpointing} health
 * indicator.
 */
@NullMarked
package io.checkpointing.spring.actuate;

import org.jspecify.annotations.NullMarked;
