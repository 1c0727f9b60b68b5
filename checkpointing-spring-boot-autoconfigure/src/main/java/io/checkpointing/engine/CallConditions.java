package io.checkpointing.engine;

import io.checkpointing.CheckpointException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A method's {@code condition} and {@code unless}, evaluated for a call. An expression that cannot
 * be evaluated is a failure under the method's error policy, after which the store is left alone.
 */
final class CallConditions {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final FailurePolicy failures;

	CallConditions(FailurePolicy failures) {
		this.failures = failures;
	}

	/**
	 * @return whether the method's {@code condition} lets the call use the store
	 */
	boolean usesStore(CheckpointedMethod method, MethodCall call) {
		try {
			return method.expressions().condition(call);
		}
		catch (CheckpointException ex) {
			this.failures.handle(method, CheckpointFailure.identifying(ex));
			return false;
		}
	}

	/**
	 * @param asynchronous whether the result completed after the call returned: a failure is then
	 * logged, as there is no caller to raise it to
	 * @return whether the method's {@code unless} vetoes storing the result
	 */
	boolean vetoes(CheckpointedMethod method, MethodCall call, @Nullable Object content, boolean asynchronous) {
		try {
			boolean vetoed = method.expressions().unless(call, content);
			if (vetoed) {
				logger.debug("Not stored: unless of {} is true for the result", method.name());
			}
			return vetoed;
		}
		catch (CheckpointException ex) {
			if (asynchronous) {
				this.failures.handleAfterReturn(method, CheckpointFailure.identifying(ex));
			}
			else {
				this.failures.handle(method, CheckpointFailure.identifying(ex));
			}
			return true;
		}
	}

}
