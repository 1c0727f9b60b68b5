package io.checkpointing.engine;

import org.jspecify.annotations.Nullable;

/**
 * The expressions of one checkpointed method, ready to evaluate ({@link CheckpointExpressions}
 * prepares them once per method). Each method throws a
 * {@link io.checkpointing.CheckpointException} naming the method, the parameter if any, and the
 * expression when evaluating fails; the engine then follows the method's error policy.
 */
public interface MethodExpressions {

	/** The expressions of a method that declares none. */
	MethodExpressions NONE = new MethodExpressions() {

		@Override
		public boolean condition(MethodCall call) {
			return true;
		}

		@Override
		public boolean unless(MethodCall call, @Nullable Object result) {
			return false;
		}

		@Override
		public @Nullable Object key(int parameterIndex, MethodCall call) {
			return call.arguments()[parameterIndex];
		}

	};

	/**
	 * @param call a call
	 * @return whether the call uses the store; {@code true} without a {@code condition}
	 */
	boolean condition(MethodCall call);

	/**
	 * @param call a call
	 * @param result what would be stored for it
	 * @return whether not to store it; {@code false} without an {@code unless}
	 */
	boolean unless(MethodCall call, @Nullable Object result);

	/**
	 * @param parameterIndex the index of a parameter that declares a key expression
	 * @param call a call
	 * @return the value the parameter is keyed by for this call
	 */
	@Nullable Object key(int parameterIndex, MethodCall call);

}
