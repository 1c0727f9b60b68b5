package io.checkpointing.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a {@link FilesystemBackend}'s directory tidy, in the background so that no hit and no write
 * waits for it: removes the temporary files of writers that died and the lock files of holders
 * that died, and deletes the least recently used entries while the store exceeds its
 * {@link SizeLimit}. It sweeps when the backend is first used, after a write that may have taken
 * the store over its limit, and after writes at most every ten minutes.
 *
 * <p>A writer holds a file lock on its temporary file until the file is in place, so a temporary
 * file that can be locked has lost its writer. One that no one has written to for an hour is
 * removed even if it is locked (a lock can outlive its holder on some network file systems), since
 * a live writer writes its whole entry at once.
 */
final class StoreSweeper {

	private static final Logger logger = LoggerFactory.getLogger(FilesystemBackend.class);

	static final Duration ABANDONED_AGE = Duration.ofHours(1);

	private static final long SWEEP_INTERVAL_NANOS = Duration.ofMinutes(10).toNanos();

	private final Path directory;

	private final SizeLimit limit;

	private final Executor executor;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicBoolean pending = new AtomicBoolean();

	private volatile long lastSweepNanos = System.nanoTime();

	StoreSweeper(Path directory, SizeLimit limit, Executor executor) {
		this.directory = directory;
		this.limit = limit;
		this.executor = executor;
	}

	/** Sweeps once in the background when the backend is first used: what a crash left is removed at startup. */
	void firstUse() {
		if (!this.started.get() && this.started.compareAndSet(false, true)) {
			schedule();
		}
	}

	/**
	 * @param entry an entry that was read
	 */
	void read(Path entry) {
		if (this.limit.isBounded() && this.limit.used(entry)) {
			execute(() -> touch(entry));
		}
	}

	/**
	 * @param entry an entry that was written
	 * @param bytes its size
	 */
	void written(Path entry, long bytes) {
		boolean overLimit = this.limit.isBounded() && this.limit.written(entry, bytes);
		if (overLimit || System.nanoTime() - this.lastSweepNanos > SWEEP_INTERVAL_NANOS) {
			schedule();
		}
	}

	private void schedule() {
		if (this.pending.compareAndSet(false, true)) {
			if (!execute(() -> {
				this.pending.set(false);
				sweep();
			})) {
				this.pending.set(false);
			}
		}
	}

	private boolean execute(Runnable task) {
		try {
			this.executor.execute(task);
			return true;
		}
		catch (RejectedExecutionException ex) {
			// The backend was closed: there is no one left to sweep for.
			return false;
		}
	}

	/**
	 * Sweeps now, in the calling thread.
	 * @return what it did
	 */
	Sweep sweep() {
		this.lastSweepNanos = System.nanoTime();
		if (!Files.isDirectory(this.directory)) {
			return new Sweep(0, 0, 0, 0);
		}
		List<SizeLimit.MeasuredEntry> entries = new ArrayList<>();
		int[] abandoned = { 0 };
		try {
			Files.walkFileTree(this.directory, java.util.Set.of(), 2, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					String name = file.getFileName().toString();
					// Only files named by a key are ours: a user's model.ckpt is neither evicted nor tidied.
					if (!attributes.isRegularFile() || StoreSweeper.this.directory.equals(file.getParent())
							|| !EntryFiles.isNamedByKey(name)) {
						return FileVisitResult.CONTINUE;
					}
					if (name.endsWith(FilesystemBackend.SUFFIX)) {
						entries.add(new SizeLimit.MeasuredEntry(file, attributes.size(),
								attributes.lastModifiedTime().toMillis()));
					}
					else if ((name.endsWith(FilesystemBackend.TEMP_SUFFIX) || name.endsWith(FilesystemBackend.LOCK_SUFFIX))
							&& removeIfAbandoned(file, attributes)) {
						abandoned[0]++;
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					// Deleted while we walked, or unreadable: nothing of ours to tidy there.
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not sweep the checkpoint directory {}: {}", this.directory, ex.toString());
			return new Sweep(abandoned[0], 0, 0, 0);
		}
		long bytes = entries.stream().mapToLong(SizeLimit.MeasuredEntry::bytes).sum();
		int evicted = 0;
		if (this.limit.isBounded()) {
			for (SizeLimit.MeasuredEntry entry : this.limit.measured(entries)) {
				if (evict(entry)) {
					evicted++;
				}
			}
			if (evicted > 0) {
				logger.debug("Deleted the {} least recently used entries of {} to keep it under {} bytes", evicted,
						this.directory, this.limit.maxBytes());
			}
		}
		return new Sweep(abandoned[0], entries.size(), bytes, evicted);
	}

	/**
	 * Removes a temporary file whose writer died, or a lock file whose holder died (or let go).
	 * Files this JVM holds are never opened: closing a channel would drop this process's lock.
	 */
	private boolean removeIfAbandoned(Path file, BasicFileAttributes attributes) {
		// Claimed for the whole look, so no thread of this JVM locks the file while we have it open:
		// closing our channel would drop that thread's lock.
		if (!LockedFiles.claim(file)) {
			return false;
		}
		try {
			return removeIfUnlocked(file, attributes);
		}
		finally {
			LockedFiles.release(file);
		}
	}

	private boolean removeIfUnlocked(Path file, BasicFileAttributes attributes) {
		boolean old = attributes.lastModifiedTime().toMillis() < System.currentTimeMillis() - ABANDONED_AGE.toMillis();
		boolean temporary = file.getFileName().toString().endsWith(FilesystemBackend.TEMP_SUFFIX);
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
			FileLock lock = tryLock(channel);
			if (lock == null && !(old && temporary)) {
				return false;
			}
			// Deleted while locked: a writer that locks its new file only after we let go then sees
			// that it is gone, and starts over with another one.
			Files.deleteIfExists(file);
			return true;
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("Could not remove {}: {}", file, ex.toString());
			return false;
		}
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private boolean evict(SizeLimit.MeasuredEntry entry) {
		try {
			// An entry rewritten since the walk is in use: keep it.
			if (Files.getLastModifiedTime(entry.file()).toMillis() != entry.modifiedMillis()) {
				return false;
			}
			boolean deleted = Files.deleteIfExists(entry.file());
			this.limit.evicted(entry);
			if (deleted) {
				EntryFiles.removeFolderIfEmpty(this.directory, entry.file());
			}
			return deleted;
		}
		catch (NoSuchFileException ex) {
			this.limit.evicted(entry);
			return false;
		}
		catch (IOException ex) {
			logger.debug("Could not evict {}: {}", entry.file(), ex.toString());
			return false;
		}
	}

	private static void touch(Path entry) {
		try {
			Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
		}
		catch (IOException ex) {
			// Evicted or replaced meanwhile, or a read-only store: the use stays recorded in memory.
		}
	}

	/**
	 * What a sweep did.
	 * @param abandonedRemoved temporary and lock files removed because their process died
	 * @param entries entries found
	 * @param bytes their total size
	 * @param evicted entries deleted to keep within the size limit
	 */
	record Sweep(int abandonedRemoved, int entries, long bytes, int evicted) {

	}

}
