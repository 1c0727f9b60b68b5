/**
 * The checkpoints console: a page under the management base path (the Actuator endpoint
 * {@code checkpointsconsole}) that shows each checkpointed method, its recent calls, why each
 * miss ran, the active warnings and a chart of the last minutes, refreshed by a small script
 * from the same endpoint's JSON.
 */
@NullMarked
package io.checkpointing.spring.console;

import org.jspecify.annotations.NullMarked;
