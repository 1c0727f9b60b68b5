package io.checkpointing.store;

import java.io.IOException;

/**
 * The store was not asked: its circuit breaker is open after consecutive connection failures.
 * The message is the same for every call while the breaker stays open, so that the engine warns
 * once per method; it names the connection failure that opened it.
 */
public final class StoreSkippedException extends IOException {

	private static final long serialVersionUID = 1L;

	StoreSkippedException(String message) {
		// Thrown on every call while the store is down: no stack trace to fill, it says where it is from.
		super(message, null);
	}

	@Override
	public synchronized Throwable fillInStackTrace() {
		return this;
	}

}
