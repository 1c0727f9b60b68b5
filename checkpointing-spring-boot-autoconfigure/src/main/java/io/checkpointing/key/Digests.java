package io.checkpointing.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one hash function of every key part, SHA-256, which every Java runtime provides. */
final class Digests {

	/**
	 * Cloned for each digest: looking SHA-256 up among the security providers costs more than
	 * hashing a small key part.
	 */
	private static final MessageDigest PROTOTYPE = lookUp();

	private static final boolean CLONEABLE = isCloneable();

	private Digests() {
	}

	static MessageDigest sha256() {
		if (CLONEABLE) {
			try {
				return (MessageDigest) PROTOTYPE.clone();
			}
			catch (CloneNotSupportedException ex) {
				// checked below once; cannot happen here
			}
		}
		return lookUp();
	}

	private static MessageDigest lookUp() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime must provide SHA-256", ex);
		}
	}

	private static boolean isCloneable() {
		try {
			return PROTOTYPE.clone() instanceof MessageDigest;
		}
		catch (CloneNotSupportedException ex) {
			return false;
		}
	}

}
