package io.checkpointing.key;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

/**
 * What the bytecode of a checkpointed method says about its identity.
 * @param fingerprint the digest of its normalized code and of the lambdas it creates
 * @param fieldsRead the fields of its own class it reads, in the order they are first read;
 * their values are part of every key (see {@link StateReader})
 * @param reachedCode the fingerprint of each method reached, by {@code SimpleClassName#method},
 * the checkpointed method first: kept with entries to explain misses
 */
// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
@SuppressWarnings("ArrayRecordComponent")
public record MethodCode(byte[] fingerprint, List<Field> fieldsRead, Map<String, byte[]> reachedCode) {

	/**
	 * @param version a version the user gave the method's results
	 * @return the fingerprint, combined with the version when there is one
	 */
	public byte[] fingerprintWith(String version) {
		if (version.isEmpty()) {
			return this.fingerprint;
		}
		java.security.MessageDigest digest = Digests.sha256();
		digest.update(this.fingerprint);
		digest.update(version.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return digest.digest();
	}

}
