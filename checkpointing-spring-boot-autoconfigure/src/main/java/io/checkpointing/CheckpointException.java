package io.checkpointing;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Checkpointing could not do its work for a call: the arguments could not be turned into a key,
 * the result could not be stored or read back, or the store failed. Under the {@link OnError#RAISE}
 * policy this reaches the caller; under {@link OnError#WARN} it is logged and the method runs plainly.
 */
public class CheckpointException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public CheckpointException(String message) {
		super(message);
	}

	public CheckpointException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * @return the message, never {@code null}: every constructor takes one
	 */
	@Override
	public String getMessage() {
		return Objects.requireNonNull(super.getMessage());
	}

}
