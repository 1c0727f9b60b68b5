/**
 * The AspectJ weaving mode ({@code checkpointing.mode=aspectj}): the aspect that the AspectJ
 * weaver (the {@code -javaagent} at load time, or {@code ajc} at compile time) weaves into every
 * {@code @Checkpoint} method, and how it finds the engine of the running application context, or
 * of a plain {@code main}.
 */
@NullMarked
package io.checkpointing.spring.weaving;

import org.jspecify.annotations.NullMarked;
