package io.checkpointing.key;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The identity of one call: a SHA-256 digest over the key layout version, the code fingerprint
 * of the method, the state it reads and its arguments. Two calls with equal keys are assumed to
 * return equal results.
 */
public final class CallKey {

	/**
	 * The version of the key layout. It is hashed into every key, so changing how keys are derived
	 * only has to bump it: entries written under an older layout are never found again, never misread.
	 */
	public static final int LAYOUT_VERSION = 2;

	private static final HexFormat HEX = HexFormat.of();

	private final byte[] digest;

	private final String hex;

	private CallKey(byte[] digest) {
		this.digest = digest;
		this.hex = HEX.formatHex(digest);
	}

	/**
	 * Combines the three parts of a call's identity into its key.
	 * @param code the code fingerprint of the method
	 * @param state the digest of the state the method reads
	 * @param arguments one digest per argument that is part of the key
	 * @return the key
	 */
	public static CallKey of(byte[] code, byte[] state, byte[][] arguments) {
		MessageDigest sha = Digests.sha256();
		updateInt(sha, LAYOUT_VERSION);
		update(sha, code);
		update(sha, state);
		updateInt(sha, arguments.length);
		for (byte[] argument : arguments) {
			update(sha, argument);
		}
		return new CallKey(sha.digest());
	}

	/**
	 * Reads a key from its hexadecimal form, as stored by backends.
	 * @param hex 64 hexadecimal digits
	 * @return the key
	 * @throws IllegalArgumentException if {@code hex} is not a key
	 */
	public static CallKey fromHex(String hex) {
		if (hex.length() != 64) {
			throw new IllegalArgumentException("A checkpoint key has 64 hexadecimal digits, not '" + hex + "'");
		}
		return new CallKey(HEX.parseHex(hex));
	}

	private static void update(MessageDigest sha, byte[] part) {
		updateInt(sha, part.length);
		sha.update(part);
	}

	private static void updateInt(MessageDigest sha, int value) {
		sha.update(new byte[] { (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value });
	}

	/**
	 * @return the key as 64 lower-case hexadecimal digits, safe in file names and store keys
	 */
	public String hex() {
		return this.hex;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof CallKey key && Arrays.equals(this.digest, key.digest);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.digest);
	}

	@Override
	public String toString() {
		return this.hex;
	}

}
