/**
 * Micrometer metrics of checkpointing: the meters and the listener that records them.
 */
@NullMarked
package io.checkpointing.spring.metrics;

import org.jspecify.annotations.NullMarked;
