package io.checkpointing.key;

/**
 * One part of a key, kept with each entry so that a miss can be explained by what differs from
 * an earlier entry of the same method.
 * @param kind what the part is
 * @param name which one: a method such as {@code Helper#scale}, a field, or an argument such as
 * {@code 1 threshold}
 * @param hash the first 64 bits of the part's digest: enough to tell changed from unchanged
 */
public record KeyComponent(Kind kind, String name, long hash) {

	/**
	 * @param kind what the part is
	 * @param name which one
	 * @param digest the part's full digest
	 * @return the component
	 */
	public static KeyComponent of(Kind kind, String name, byte[] digest) {
		return new KeyComponent(kind, name, java.nio.ByteBuffer.wrap(digest).getLong());
	}

	/** What a component of a key is. */
	public enum Kind {

		/** The code of one method reached from the checkpointed one (itself included). */
		CODE,

		/** The value of one field the code reads. */
		FIELD,

		/** The value of one argument. */
		ARGUMENT,

		/** The method's {@code @Checkpoint(version)}. */
		VERSION,

		/** What one {@link KeyContributor} contributed. */
		CONTRIBUTION

	}

}
