/**
 * Spring Data's result types as stored results: {@code Page} and {@code Slice}.
 */
@NullMarked
package io.checkpointing.spring.data;

import org.jspecify.annotations.NullMarked;
