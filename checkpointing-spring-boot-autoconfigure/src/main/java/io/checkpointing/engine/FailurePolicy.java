package io.checkpointing.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a method's {@link io.checkpointing.OnError} policy to a failure of checkpointing
 * itself. Under {@code WARN} each kind of failure of a method is logged once, so a method
 * called a million times with an unhashable argument, or with ten thousand damaged entries,
 * does not flood the log; every occurrence is counted and logged at DEBUG with its details.
 */
final class FailurePolicy {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private static final String LOGGED_ONCE = " (This is logged once; set checkpointing.on-error=raise to fail instead,"
			+ " or ignore to say nothing.)";

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final CheckpointListener listener;

	FailurePolicy(CheckpointListener listener) {
		this.listener = listener;
	}

	/**
	 * Handles a failure after which the call goes on without checkpointing.
	 * @param method the method whose call failed
	 * @param failure what failed
	 * @throws CheckpointException under the {@code RAISE} policy
	 */
	void handle(CheckpointedMethod method, CheckpointFailure failure) {
		CheckpointException detail = failure.detail();
		this.listener.error(method.name(), detail);
		switch (method.onError()) {
			case RAISE -> throw detail;
			case WARN -> {
				if (this.warned.add(method.name() + '\n' + failure.kind() + '\n' + failure.alike())) {
					logger.warn("{}{}", failure.warning(), LOGGED_ONCE, detail.getCause());
				}
				logger.debug("{}", detail.getMessage());
			}
			default -> logger.debug("Checkpointing failed for {}", method.name(), detail);
		}
	}

	/**
	 * Handles a failure of work done in the background, such as a refresh, which no caller
	 * waits for: as {@link #handle}, except that {@code RAISE} logs, having no caller to raise to.
	 * @param method the method whose work failed
	 * @param failure what failed
	 */
	void handleInBackground(CheckpointedMethod method, CheckpointFailure failure) {
		try {
			handle(method, failure);
		}
		catch (CheckpointException ex) {
			logger.warn("{}", ex.getMessage(), ex.getCause());
		}
	}

	/**
	 * Reports a failure that happened after the call returned, such as storing the value of a
	 * future: the caller already holds its result, so there is no one left to raise to, and each
	 * occurrence is logged.
	 * @param method the method whose result could not be stored
	 * @param failure what failed
	 */
	void handleAfterReturn(CheckpointedMethod method, CheckpointFailure failure) {
		CheckpointException detail = failure.detail();
		logger.warn("{}", detail.getMessage(), detail.getCause());
		this.listener.error(method.name(), detail);
	}

}
