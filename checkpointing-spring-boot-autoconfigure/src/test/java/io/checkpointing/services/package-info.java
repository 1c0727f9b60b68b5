/**
 * Finds the real Redis and PostgreSQL that tests run against, or skips (or fails) with a
 * message that says how to provide them.
 */
@NullMarked
package io.checkpointing.services;

import org.jspecify.annotations.NullMarked;
