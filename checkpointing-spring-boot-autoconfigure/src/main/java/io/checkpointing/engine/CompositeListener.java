package io.checkpointing.engine;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells several listeners, in order, of every event. A listener that throws does not keep the
 * others from being told, and never fails the call: listeners run inside the engine's own
 * bookkeeping (between taking and releasing a key's lock, in the {@code finally} block after the
 * method ran), where an exception would replace the method's result, or its own exception. Each
 * listener that throws is logged at WARN once, and at DEBUG afterwards.
 */
final class CompositeListener implements CheckpointListener {

	private static final Logger logger = LoggerFactory.getLogger(CheckpointEngine.class);

	private final CheckpointListener[] listeners;

	private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

	private CompositeListener(List<CheckpointListener> listeners) {
		this.listeners = listeners.toArray(CheckpointListener[]::new);
	}

	/**
	 * @param listeners the listeners, in the order they are told
	 * @return a listener that tells all of them, and isolates the call from their failures;
	 * {@link CheckpointListener#NONE} if there are none
	 */
	static CheckpointListener of(List<CheckpointListener> listeners) {
		return listeners.isEmpty() ? CheckpointListener.NONE : new CompositeListener(listeners);
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		tell("hit", method, (listener) -> listener.hit(method, loadNanos, savedNanos));
	}

	@Override
	public void miss(String method) {
		tell("miss", method, (listener) -> listener.miss(method));
	}

	@Override
	public void rerun(String method) {
		tell("rerun", method, (listener) -> listener.rerun(method));
	}

	@Override
	public void bypassed(String method) {
		tell("bypassed", method, (listener) -> listener.bypassed(method));
	}

	@Override
	public void error(String method, Exception failure) {
		tell("error", method, (listener) -> listener.error(method, failure));
	}

	@Override
	public void computed(String method, long nanos) {
		tell("computed", method, (listener) -> listener.computed(method, nanos));
	}

	@Override
	public void stored(String method, long nanos) {
		tell("stored", method, (listener) -> listener.stored(method, nanos));
	}

	@Override
	public void written(String method, long bytes) {
		tell("written", method, (listener) -> listener.written(method, bytes));
	}

	private void tell(String event, String method, Consumer<CheckpointListener> telling) {
		for (CheckpointListener listener : this.listeners) {
			try {
				telling.accept(listener);
			}
			catch (VirtualMachineError ex) {
				throw ex;
			}
			catch (Throwable ex) {
				reportFailureOf(listener, event, method, ex);
			}
		}
	}

	private void reportFailureOf(CheckpointListener listener, String event, String method, Throwable failure) {
		if (this.warned.add(listener.getClass())) {
			logger.warn("Checkpoint listener {} failed when told of a {} of {}; the call goes on unaffected."
					+ " (This is logged once per listener; later failures are logged at DEBUG.)",
					listener.getClass().getName(), event, method, failure);
		}
		else {
			logger.debug("Checkpoint listener {} failed when told of a {} of {}", listener.getClass().getName(), event,
					method, failure);
		}
	}

}
