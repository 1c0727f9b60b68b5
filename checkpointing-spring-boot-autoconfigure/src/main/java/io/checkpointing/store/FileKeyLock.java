package io.checkpointing.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * The right to compute one key, held as an operating-system lock on the key's lock file
 * {@code <directory>/<2 hex>/<62 hex>.lock}. The operating system drops the lock when the holding
 * process dies, however it dies, so a crashed holder never blocks the others.
 *
 * <p>Lock files live beside their entries, so they need no directory of their own, and are
 * deleted by their holder on release, while still locked, so that the directory does not fill up
 * with one empty file per key ever computed. Deleting a lock file races: a process that opened
 * the file just before it was deleted can lock the deleted file while another process creates and
 * locks a new one, and both then hold "the" lock. That is harmless here, because the engine reads
 * the entry again after it takes a lock, and the first holder stored its entry before it let go: a
 * late holder finds that entry and computes nothing. Only when the first holder stored nothing
 * (its method threw) can two processes compute the same key at once, and then both compute the
 * same result. A lock file that is never deleted would avoid the race, at the price of an
 * unbounded number of files.
 */
final class FileKeyLock implements KeyLock {

	private final Path file;

	private final FileChannel channel;

	private final AtomicBoolean released = new AtomicBoolean();

	private FileKeyLock(Path file, FileChannel channel) {
		this.file = file;
		this.channel = channel;
	}

	/**
	 * @param file the key's lock file
	 * @param files creates the file, and its folders if they are missing
	 * @return the lock, or empty if another process or another thread of this JVM holds it
	 * @throws IOException if the lock file cannot be created or locked
	 */
	static Optional<KeyLock> tryLock(Path file, FileCreator files) throws IOException {
		if (!LockedFiles.claim(file)) {
			// A method that calls itself with the same key (through an ignored parameter) already
			// holds the lock on this thread; on another thread, another engine of this JVM holds it.
			return (LockedFiles.holder(file) == Thread.currentThread()) ? Optional.of(KeyLock.UNSHARED)
					: Optional.empty();
		}
		FileChannel channel = null;
		try {
			channel = files.openForLocking(file);
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return Optional.of(new FileKeyLock(file, channel));
			}
		}
		catch (OverlappingFileLockException ex) {
			// The same file reached through another path (a symbolic link), locked by this JVM.
		}
		catch (IOException | RuntimeException ex) {
			closeQuietly(channel);
			LockedFiles.release(file);
			throw ex;
		}
		closeQuietly(channel);
		LockedFiles.release(file);
		return Optional.empty();
	}

	@Override
	public void close() throws IOException {
		if (!this.released.compareAndSet(false, true)) {
			return;
		}
		try {
			// Deleted while still locked, then unlocked: see the class comment for why this is safe.
			Files.deleteIfExists(this.file);
		}
		finally {
			try {
				this.channel.close();
			}
			finally {
				LockedFiles.release(this.file);
			}
		}
	}

	private static void closeQuietly(@Nullable FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// nothing was locked through it
			}
		}
	}

	/** Opens files in the store's directory, creating it and its folders as needed. */
	@FunctionalInterface
	interface FileCreator {

		/**
		 * @param file a lock file
		 * @return a channel open for writing, so that it can be locked exclusively
		 * @throws IOException if the file cannot be created
		 */
		FileChannel openForLocking(Path file) throws IOException;

	}

}
