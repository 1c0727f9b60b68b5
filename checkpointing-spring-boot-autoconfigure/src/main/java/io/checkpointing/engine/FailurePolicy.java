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
	 * Handles a failure after which the method runs without checkpointing; failures with the
	 * same message are alike.
	 * @param method the method whose call failed
	 * @param failure what failed
	 * @throws CheckpointException under the {@code RAISE} policy
	 */
	void handle(CheckpointedMethod method, CheckpointException failure) {
		handle(method, failure, failure.getMessage(), failure.getMessage() + " The method runs without checkpointing.");
	}

	/**
	 * @param method the method whose call failed
	 * @param failure what failed, with the details of this call (such as its key); what
	 * {@code RAISE} throws and DEBUG logs
	 * @param kind what makes failures alike: {@code WARN} logs once per method and kind
	 * @param warning what {@code WARN} logs, without the details that differ between alike failures
	 * @throws CheckpointException under the {@code RAISE} policy
	 */
	void handle(CheckpointedMethod method, CheckpointException failure, String kind, String warning) {
		this.listener.error(method.name(), failure);
		switch (method.onError()) {
			case RAISE -> throw failure;
			case WARN -> {
				if (this.warned.add(method.name() + '\n' + kind)) {
					logger.warn("{}{}", warning, LOGGED_ONCE, failure.getCause());
				}
				logger.debug("{}", failure.getMessage());
			}
			default -> logger.debug("Checkpointing failed for {}", method.name(), failure);
		}
	}

}
