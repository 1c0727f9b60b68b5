/**
 * Traces of checkpointing through Micrometer's Observation API: an observation per checkpointed
 * call ({@code checkpointing.call}) with its stages as children, which Spring Boot's tracing
 * (OpenTelemetry or Brave) turns into spans.
 */
@NullMarked
package io.checkpointing.spring.observation;

import org.jspecify.annotations.NullMarked;
