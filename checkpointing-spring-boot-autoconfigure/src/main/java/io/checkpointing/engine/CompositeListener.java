package io.checkpointing.engine;

import java.util.List;

/**
 * Tells several listeners, in order, of every event. A listener that throws does not keep the
 * others from being told, and never fails the call.
 */
final class CompositeListener implements CheckpointListener {

	private final CheckpointListener[] listeners;

	private CompositeListener(List<CheckpointListener> listeners) {
		this.listeners = listeners.toArray(CheckpointListener[]::new);
	}

	/**
	 * @param listeners the listeners, in the order they are told
	 * @return a listener that tells all of them; {@link CheckpointListener#NONE} if there are none
	 */
	static CheckpointListener of(List<CheckpointListener> listeners) {
		return switch (listeners.size()) {
			case 0 -> CheckpointListener.NONE;
			case 1 -> listeners.get(0);
			default -> new CompositeListener(listeners);
		};
	}

	@Override
	public void hit(String method, long loadNanos, long savedNanos) {
		for (CheckpointListener listener : this.listeners) {
			listener.hit(method, loadNanos, savedNanos);
		}
	}

	@Override
	public void miss(String method) {
		for (CheckpointListener listener : this.listeners) {
			listener.miss(method);
		}
	}

	@Override
	public void rerun(String method) {
		for (CheckpointListener listener : this.listeners) {
			listener.rerun(method);
		}
	}

	@Override
	public void error(String method, Exception failure) {
		for (CheckpointListener listener : this.listeners) {
			listener.error(method, failure);
		}
	}

	@Override
	public void computed(String method, long nanos) {
		for (CheckpointListener listener : this.listeners) {
			listener.computed(method, nanos);
		}
	}

	@Override
	public void stored(String method, long nanos) {
		for (CheckpointListener listener : this.listeners) {
			listener.stored(method, nanos);
		}
	}

}
