package io.checkpointing.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.checkpointing.CheckpointException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a method's {@link io.checkpointing.OnError} policy to a failure of checkpointing
 * itself. Under {@code WARN} each distinct failure of a method is logged once, so a method
 * called a million times with an unhashable argument does not flood the log.
 */
final class FailurePolicy {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final Set<String> warned = ConcurrentHashMap.newKeySet();

	private final CheckpointListener listener;

	FailurePolicy(CheckpointListener listener) {
		this.listener = listener;
	}

	/**
	 * @param method the method whose call failed
	 * @param failure what failed
	 * @throws CheckpointException under the {@code RAISE} policy
	 */
	void handle(CheckpointedMethod method, CheckpointException failure) {
		this.listener.error(method.name(), failure);
		switch (method.onError()) {
			case RAISE -> throw failure;
			case WARN -> {
				if (this.warned.add(method.name() + '\n' + failure.getMessage())) {
					logger.warn("{} The method runs without checkpointing. (This is logged once; set "
							+ "checkpointing.on-error=raise to fail instead, or ignore to say nothing.)",
							failure.getMessage(), failure.getCause());
				}
			}
			default -> logger.debug("Checkpointing failed for {}", method.name(), failure);
		}
	}

}
