package io.checkpointing.store;

import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The files on which this JVM holds, or is about to take, an operating-system file lock: key lock
 * files and the temporary files of writers. Shared by every {@link FilesystemBackend} of the JVM.
 *
 * <p>Why it exists: a POSIX record lock belongs to the process, and closing <em>any</em> channel
 * that the process has open on a file drops the process's locks on it. So no code of this JVM may
 * open a file that this JVM has locked, not even to find out that it is locked: it asks here first.
 */
final class LockedFiles {

	private static final ConcurrentMap<Path, Thread> claimed = new ConcurrentHashMap<>();

	private LockedFiles() {
	}

	/**
	 * @param file an absolute, normalized path
	 * @return {@code true} if the current thread now holds the claim; {@code false} if a thread of
	 * this JVM already does (possibly the current one)
	 */
	static boolean claim(Path file) {
		return claimed.putIfAbsent(file, Thread.currentThread()) == null;
	}

	/**
	 * @param file an absolute, normalized path
	 * @return the thread holding the claim on the file, or {@code null}
	 */
	static @Nullable Thread holder(Path file) {
		return claimed.get(file);
	}

	/** @param file a path claimed by the current thread */
	static void release(Path file) {
		claimed.remove(file);
	}

}
