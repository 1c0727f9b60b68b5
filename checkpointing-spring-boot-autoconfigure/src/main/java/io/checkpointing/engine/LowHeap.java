package io.checkpointing.engine;

import java.io.IOException;

/**
 * An {@link OutOfMemoryError} while an entry is read or written: the heap had no room for our
 * buffers or for the result read back. A failure of checkpointing, under the method's error
 * policy, never of the caller; the heap is usable again once the allocation failed.
 */
final class LowHeap {

	private LowHeap() {
	}

	static IOException reading(OutOfMemoryError error) {
		return new IOException("the heap has no room to read this entry back (" + error.getMessage() + "); give the JVM"
				+ " more heap (-Xmx) or let the method return smaller results", error);
	}

	static IOException writing(OutOfMemoryError error) {
		return new IOException("the heap has no room to write this entry (" + error.getMessage() + "); give the JVM"
				+ " more heap (-Xmx) or let the method return smaller results", error);
	}

}
