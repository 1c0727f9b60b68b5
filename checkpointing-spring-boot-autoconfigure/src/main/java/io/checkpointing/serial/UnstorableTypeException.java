package io.checkpointing.serial;

import java.io.IOException;

/**
 * A serializer cannot store results of this type, whatever their value: it has no way to write
 * the type, or cannot read back what it wrote (no constructor it can use, an interface with no
 * known implementation). Storing another result of the same type would fail the same way.
 */
public class UnstorableTypeException extends IOException {

	private static final long serialVersionUID = 1L;

	/**
	 * @param message what cannot be stored, and why
	 * @param cause the serializer's own failure
	 */
	public UnstorableTypeException(String message, Throwable cause) {
		super(message, cause);
	}

}
