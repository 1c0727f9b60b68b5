package io.checkpointing.key;

/**
 * A value has no canonical form, so it cannot be part of a key. The message names the type and
 * where in the argument it was found; {@link ArgumentHasher} adds the method and parameter.
 */
public class UnhashableValueException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Class<?> type;

	UnhashableValueException(Class<?> type, String reason) {
		super(reason);
		this.type = type;
	}

	/**
	 * @return the type of the value that could not be hashed
	 */
	public Class<?> type() {
		return this.type;
	}

}
