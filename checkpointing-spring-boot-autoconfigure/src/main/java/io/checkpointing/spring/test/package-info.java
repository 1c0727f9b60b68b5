/**
 * Checkpointing in the tests of an application: a store of the test's own instead of the
 * developer's {@code ./.checkpointing}, and the hits and misses of each method to assert on.
 */
@NullMarked
package io.checkpointing.spring.test;

import org.jspecify.annotations.NullMarked;
