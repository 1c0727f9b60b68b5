package io.checkpointing.key;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The one hash function of every key part, SHA-256, which every Java runtime provides. */
final class Digests {

	private Digests() {
	}

	static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime must provide SHA-256", ex);
		}
	}

}
