/**
 * The Spring adapter: the aspect that routes {@code @Checkpoint} calls of Spring beans to the
 * engine. The only packages that depend on Spring are this one and its subpackages.
 */
@NullMarked
package io.checkpointing.spring;

import org.jspecify.annotations.NullMarked;
