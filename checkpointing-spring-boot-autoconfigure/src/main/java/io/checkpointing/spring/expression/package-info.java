/**
 * The Spring Expression Language (SpEL) behind {@code @Checkpoint(condition, unless)} and
 * {@code @Checkpoint.Key}: parsed once per method, evaluated as Spring's cache abstraction does.
 */
@NullMarked
package io.checkpointing.spring.expression;

import org.jspecify.annotations.NullMarked;
