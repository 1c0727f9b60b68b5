package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs entries with HMAC-SHA256 under a secret key, and checks their signatures before
 * anything in them is deserialized. With a signing key, only those who know it can make the
 * application accept an entry: writing to the store is no longer enough to feed it values.
 *
 * <p>The signature covers every byte of the entry before it: the key the entry was written for,
 * its header (method, key components, creation time), its payload and the payload's length. So a signed entry cannot be moved to another key, nor its header swapped with
 * another entry's, without the key.
 */
public final class EntrySigner {

	/** Length of the HMAC-SHA256 signature that trails a signed entry. */
	static final int SIGNATURE_LENGTH = 32;

	/** Shortest key accepted: HMAC's strength is bounded by its key's. */
	public static final int MIN_KEY_BYTES = 16;

	private static final String ALGORITHM = "HmacSHA256";

	private final Mac prototype;

	/**
	 * @param key the secret key, at least {@value #MIN_KEY_BYTES} bytes
	 * @throws IllegalArgumentException if the key is too short
	 */
	public EntrySigner(byte[] key) {
		if (key.length < MIN_KEY_BYTES) {
			throw new IllegalArgumentException("The signing key has " + key.length + " bytes; use at least "
					+ MIN_KEY_BYTES + " random bytes (32 or more is better)");
		}
		try {
			this.prototype = Mac.getInstance(ALGORITHM);
			this.prototype.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JVM has no " + ALGORITHM, ex);
		}
	}

	/**
	 * @param entry an entry whose bytes before {@code end} are final
	 * @param end where the signed bytes end
	 * @return the signature
	 */
	private byte[] sign(ByteBuffer entry, int end) {
		Mac mac = newMac();
		mac.update(entry.slice(0, end));
		return mac.doFinal();
	}

	/**
	 * @param entry an entry
	 * @param end where the signed bytes end and the signature starts
	 * @return whether the signature that follows {@code end} is this key's
	 */
	boolean verify(ByteBuffer entry, int end) {
		byte[] stored = new byte[SIGNATURE_LENGTH];
		entry.get(end, stored);
		return MessageDigest.isEqual(stored, sign(entry, end));
	}

	/**
	 * @return a MAC of this key, to sign an entry as it is written or read; a {@link Mac} is not
	 * thread-safe, and a clone of an initialized one skips the key setup
	 */
	Mac newMac() {
		try {
			return (Mac) this.prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			throw new IllegalStateException(ALGORITHM + " of this JVM cannot be cloned", ex);
		}
	}

}
