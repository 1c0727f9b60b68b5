/**
 * How results become bytes: the {@link io.checkpointing.serial.ResultSerializer} SPI with
 * Jackson (json, smile, cbor) and filtered JDK serialization.
 */
@NullMarked
package io.checkpointing.serial;

import org.jspecify.annotations.NullMarked;
