package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * Stores each entry as a file {@code <directory>/<first 2 hex digits>/<other 62>.ckpt}. An entry
 * is written to a temporary file {@code <name>.<random>.tmp} in the same folder and moved into
 * place atomically, so a reader sees the old entry, the new one, or none, never a partial one. A
 * writer that dies leaves only its temporary file, which is never read as an entry and is removed
 * in the background (see {@link StoreSweeper}). Files are not forced to disk: after a power loss
 * the last entries written may be missing or, on some file systems, empty or damaged, which the
 * entry's checksum then reveals as a miss.
 *
 * <p>The directory is created on the first write, owner-only where the file system has POSIX
 * permissions, with a {@code .gitignore} that keeps entries out of version control; so are its
 * folders and files, and again if the directory is deleted while the application runs.
 *
 * <p>{@link #tryLock} locks a per-key file (see {@link FileKeyLock}), so that processes sharing
 * the directory compute each key once. With a size limit, the least recently used entries are
 * deleted in the background while the entries take more than the limit.
 *
 * <p>Close the backend to stop its background thread (Spring does so for the bean); one that is
 * not closed lets its idle thread end by itself.
 */
public final class FilesystemBackend implements CacheBackend, AutoCloseable {

	static final String SUFFIX = EntryFiles.SUFFIX;

	static final String TEMP_SUFFIX = ".tmp";

	static final String LOCK_SUFFIX = ".lock";

	/** A writer whose new temporary file a sweeper took for abandoned starts over, this often at most. */
	private static final int TEMPORARY_FILE_ATTEMPTS = 3;

	private final Path directory;

	private final SizeLimit limit;

	private final OwnerOnlyFiles files;

	private final EntryFiles entries;

	private final @Nullable ThreadPoolExecutor ownExecutor;

	private final StoreSweeper sweeper;

	/**
	 * @param directory where entries are stored; created on the first write
	 */
	public FilesystemBackend(Path directory) {
		this(directory, Long.MAX_VALUE);
	}

	/**
	 * @param directory where entries are stored; created on the first write
	 * @param maxSize the most bytes the entries may take before the least recently used are
	 * deleted; {@link Long#MAX_VALUE} for no limit
	 * @throws IllegalArgumentException if {@code maxSize} is not positive
	 */
	public FilesystemBackend(Path directory, long maxSize) {
		this(directory, maxSize, null);
	}

	/**
	 * @param executor runs the sweeps; {@code null} for a background thread of this backend's own
	 */
	FilesystemBackend(Path directory, long maxSize, @Nullable Executor executor) {
		this.directory = directory.toAbsolutePath().normalize();
		this.limit = new SizeLimit(maxSize);
		this.files = new OwnerOnlyFiles(this.directory);
		this.entries = new EntryFiles(this.directory);
		if (executor != null) {
			this.ownExecutor = null;
			this.sweeper = new StoreSweeper(this.directory, this.limit, executor);
		}
		else {
			ThreadPoolExecutor own = backgroundThread();
			this.ownExecutor = own;
			this.sweeper = new StoreSweeper(this.directory, this.limit, own);
		}
	}

	private static ThreadPoolExecutor backgroundThread() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "checkpointing-filesystem-sweeper");
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	/**
	 * @return the absolute directory that holds the entries
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * @return the most bytes the entries may take; {@link Long#MAX_VALUE} for no limit
	 */
	public long maxSize() {
		return this.limit.maxBytes();
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		Optional<InputStream> entry = readStream(key);
		if (entry.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = entry.get()) {
			return Optional.of((in instanceof ByteBufferInputStream buffer) ? buffer.unread() : ByteBuffer.wrap(in.readAllBytes()));
		}
	}

	/** A large entry is mapped or streamed, never copied into the heap whole (see {@link EntryFiles#open}). */
	@Override
	public Optional<InputStream> readStream(CallKey key) throws IOException {
		this.sweeper.firstUse();
		Optional<InputStream> entry;
		try {
			entry = this.entries.open(key);
		}
		catch (FileSystemException ex) {
			throw unusable("read from", ex);
		}
		if (entry.isPresent()) {
			this.sweeper.read(pathOf(key));
		}
		return entry;
	}

	/** Reads the header from the file: neither a small entry whole nor a map of a large one. */
	@Override
	public Optional<ByteBuffer> readHead(CallKey key) throws IOException {
		this.sweeper.firstUse();
		Optional<FileChannel> entry;
		try {
			entry = this.entries.openForReading(key);
		}
		catch (FileSystemException ex) {
			throw unusable("read from", ex);
		}
		if (entry.isEmpty()) {
			return Optional.empty();
		}
		try (InputStream in = Channels.newInputStream(entry.get())) {
			return Optional.of(EntryFormat.readHead(in));
		}
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		this.limit.requireFits(entry.remaining(), this.directory);
		write(key, (channel) -> {
			ByteBuffer bytes = entry.duplicate();
			try {
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			catch (IOException ex) {
				// No space left, a quota, an I/O error: the temporary file is deleted by the caller.
				throw unusable("write to", ex);
			}
			return entry.remaining();
		});
	}

	/**
	 * Writes the entry into its temporary file as it is produced, held to the size limit as it
	 * grows: no copy of it is made in the heap.
	 */
	@Override
	public void writeStream(CallKey key, EntryWriter entry) throws IOException {
		write(key, (channel) -> {
			FileEntryOutput out = new FileEntryOutput(channel, this.limit, this.directory);
			try {
				entry.writeTo(out);
				out.finish();
			}
			catch (IOException ex) {
				// Only the file's own failures are the directory's: the writer's and the limit's keep their words.
				throw out.isFileFailure(ex) ? unusable("write to", ex) : ex;
			}
			return out.count();
		});
	}

	private void write(CallKey key, FileContent content) throws IOException {
		this.sweeper.firstUse();
		try {
			writeEntry(key, content);
		}
		catch (FileSystemException ex) {
			throw unusable("write to", ex);
		}
	}

	private void writeEntry(CallKey key, FileContent content) throws IOException {
		this.files.prepareOnce();
		Path target = pathOf(key);
		this.entries.requireRealFolder(target);
		for (int attempt = 1;; attempt++) {
			Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
			// Claimed before it exists, so that a sweeper of this JVM never opens it (see LockedFiles).
			LockedFiles.claim(temp);
			try {
				long written = writeLocked(temp, target, content);
				if (written >= 0) {
					this.sweeper.written(target, written);
					return;
				}
			}
			finally {
				try {
					Files.deleteIfExists(temp);
				}
				finally {
					LockedFiles.release(temp);
				}
			}
			if (attempt == TEMPORARY_FILE_ATTEMPTS) {
				throw new IOException("Temporary files in " + target.getParent() + " were deleted while being written, "
						+ TEMPORARY_FILE_ATTEMPTS + " times; is another program deleting files in the checkpoint directory?");
			}
		}
	}

	/**
	 * Writes the entry to a new temporary file under a file lock and moves it into place while the
	 * lock is still held, so that sweepers can tell a live writer from a dead one.
	 * @return the entry's size, or -1 if a sweeper removed the new file before it was locked
	 */
	private long writeLocked(Path temp, Path target, FileContent content) throws IOException {
		try (FileChannel channel = this.files.createOwnerOnly(temp, StandardOpenOption.CREATE_NEW)) {
			channel.lock();
			if (!Files.exists(temp)) {
				// A sweeper locked it in the moment between its creation and our lock, and deleted it.
				return -1;
			}
			long written = content.writeTo(channel);
			moveIntoPlace(temp, target);
			return written;
		}
	}

	/** What goes into an entry's temporary file. */
	@FunctionalInterface
	private interface FileContent {

		/**
		 * @return how many bytes were written
		 */
		long writeTo(FileChannel channel) throws IOException;

	}

	@Override
	public Optional<KeyLock> tryLock(CallKey key) throws IOException {
		this.sweeper.firstUse();
		Path target = pathOf(key);
		this.entries.requireRealFolder(target);
		try {
			return FileKeyLock.tryLock(target.resolveSibling(target.getFileName().toString().replace(SUFFIX, LOCK_SUFFIX)),
					(file) -> this.files.createOwnerOnly(file, StandardOpenOption.CREATE));
		}
		catch (FileSystemException ex) {
			throw unusable("create lock files in", ex);
		}
	}

	/**
	 * A failure whose message is the same for every key, so that the engine warns once per method
	 * and cause, not once per file; the exception with the file's name is its cause.
	 */
	private IOException unusable(String action, IOException ex) {
		String reason;
		if (ex instanceof AccessDeniedException) {
			reason = "permission denied to user '" + System.getProperty("user.name") + "'";
		}
		else if (ex instanceof FileSystemException fileSystem) {
			// Without a reason its message is the file's name, which differs per key.
			reason = (fileSystem.getReason() != null) ? fileSystem.getReason() : ex.getClass().getSimpleName();
		}
		else {
			reason = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		}
		return new IOException("cannot " + action + " the checkpoint directory " + this.directory + ": " + reason, ex);
	}

	/**
	 * Stops the background thread of this backend. Entries stay; later reads and writes work,
	 * without sweeps.
	 */
	@Override
	public void close() {
		if (this.ownExecutor != null) {
			this.ownExecutor.shutdown();
		}
	}

	/**
	 * Sweeps now, in the calling thread: removes what dead writers and lock holders left, and
	 * evicts beyond the size limit.
	 * @return what the sweep did
	 */
	StoreSweeper.Sweep sweep() {
		return this.sweeper.sweep();
	}

	private static void moveIntoPlace(Path temp, Path target) throws IOException {
		try {
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new IOException("The file system of " + target.getParent()
					+ " cannot move files atomically; checkpointing needs that to never expose a partial entry", ex);
		}
	}

	@Override
	public boolean delete(CallKey key) throws IOException {
		return this.entries.delete(key);
	}

	@Override
	public Stream<StoredEntry> list() throws IOException {
		this.sweeper.firstUse();
		if (!Files.isDirectory(this.directory)) {
			return Stream.empty();
		}
		return this.entries.list();
	}

	@Override
	public void clear() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		this.entries.clear();
	}

	@Override
	public String location() {
		return this.directory.toString();
	}

	private Path pathOf(CallKey key) {
		return this.entries.pathOf(key);
	}

}
