package io.checkpointing.engine;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * What the console shows of a checkpointed method besides its counts: how its results are keyed
 * and stored.
 * @param serializer the id of the serializer of its results
 * @param version its {@code @Checkpoint(version)}, empty for none
 * @param timeToLive how long its entries stay valid, {@code null} for ever
 * @param fingerprint the first 8 hexadecimal digits of its code fingerprint (the method and the
 * code it reaches); empty until a call computed a key
 * @param impureCalls the calls its key cannot see and the {@code acknowledge} values that
 * acknowledge nothing, as {@code explain} names them; empty if none
 */
public record MethodFacts(String serializer, String version, @Nullable Duration timeToLive, String fingerprint,
		String impureCalls) {

}
