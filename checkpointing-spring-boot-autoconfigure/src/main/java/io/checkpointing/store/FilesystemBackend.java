package io.checkpointing.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

/**
 * Stores each entry as a file {@code <directory>/<first 2 hex digits>/<other 62>.ckpt}. An entry
 * is written to a temporary file in the same folder and moved into place atomically, so a reader
 * sees the old entry, the new one, or none, never a partial one.
 *
 * <p>The directory is created on the first write, owner-only where the file system has POSIX
 * permissions, with a {@code .gitignore} that keeps entries out of version control.
 */
public final class FilesystemBackend implements CacheBackend {

	static final String SUFFIX = ".ckpt";

	static final String TEMP_SUFFIX = ".tmp";

	private static final int HEADER_READ_BYTES = 4096;

	/** Entries this large are memory-mapped: below it, a read into the heap costs less than a mapping. */
	static final long MAP_AT_BYTES = 1024 * 1024;

	/**
	 * Windows cannot delete or replace a file while a mapping of it lives, and a mapping lives
	 * until the garbage collector frees it: there, entries are always read into the heap.
	 */
	private static final boolean MAPPING_ALLOWED = java.io.File.separatorChar == '/';

	private final Path directory;

	private volatile boolean prepared;

	/**
	 * @param directory where entries are stored; created on the first write
	 */
	public FilesystemBackend(Path directory) {
		this.directory = directory.toAbsolutePath().normalize();
	}

	/**
	 * @return the absolute directory that holds the entries
	 */
	public Path directory() {
		return this.directory;
	}

	@Override
	public Optional<ByteBuffer> read(CallKey key) throws IOException {
		try (FileChannel channel = FileChannel.open(pathOf(key), StandardOpenOption.READ)) {
			long size = channel.size();
			if (size > Integer.MAX_VALUE - 8) {
				throw new IOException("Entry " + pathOf(key) + " is larger than 2 GB, which this version cannot read");
			}
			if (size >= MAP_AT_BYTES && MAPPING_ALLOWED) {
				// The page cache is read in place: no copy into the heap, no zeroed 100 MB array. An entry
				// is replaced by a rename, never rewritten in place, so the mapping stays consistent.
				return Optional.of(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
			}
			ByteBuffer entry = ByteBuffer.allocate((int) size);
			while (entry.hasRemaining() && channel.read(entry) >= 0) {
				// a file can shrink only if it is replaced, and replacement creates a new file: read to its end
			}
			return Optional.of(entry.flip());
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	@Override
	public void write(CallKey key, ByteBuffer entry) throws IOException {
		prepareDirectory();
		Path target = pathOf(key);
		Files.createDirectories(target.getParent());
		Path temp = target.resolveSibling(target.getFileName() + "." + UUID.randomUUID() + TEMP_SUFFIX);
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
				ByteBuffer bytes = entry.duplicate();
				while (bytes.hasRemaining()) {
					channel.write(bytes);
				}
			}
			moveIntoPlace(temp, target);
		}
		finally {
			Files.deleteIfExists(temp);
		}
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
		return Files.deleteIfExists(pathOf(key));
	}

	@Override
	public Stream<StoredEntry> list() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return Stream.empty();
		}
		return entryFiles().map(this::describe).flatMap(Optional::stream);
	}

	@Override
	public void clear() throws IOException {
		if (!Files.isDirectory(this.directory)) {
			return;
		}
		try (Stream<Path> files = entryFiles()) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Files.deleteIfExists(file);
			}
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
	}

	@Override
	public String location() {
		return this.directory.toString();
	}

	private Stream<Path> entryFiles() throws IOException {
		return Files.find(this.directory, 2, (path, attributes) -> attributes.isRegularFile()
				&& path.getFileName().toString().endsWith(SUFFIX));
	}

	private Optional<StoredEntry> describe(Path file) {
		String name = file.getParent().getFileName().toString() + file.getFileName().toString();
		CallKey key = keyOf(name.substring(0, name.length() - SUFFIX.length()));
		if (key == null) {
			return Optional.empty();
		}
		try (SeekableByteChannel channel = Files.newByteChannel(file);
				InputStream in = java.nio.channels.Channels.newInputStream(channel)) {
			// Buffered, so only the header is read however large the payload.
			return Optional.of(new StoredEntry(key, channel.size(),
					EntryFormat.readHeader(new java.io.BufferedInputStream(in, HEADER_READ_BYTES))));
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	private static @Nullable CallKey keyOf(String hex) {
		try {
			return CallKey.fromHex(hex);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private Path pathOf(CallKey key) {
		String hex = key.hex();
		return this.directory.resolve(hex.substring(0, 2)).resolve(hex.substring(2) + SUFFIX);
	}

	private void prepareDirectory() throws IOException {
		if (this.prepared) {
			return;
		}
		if (Files.exists(this.directory) && !Files.isDirectory(this.directory)) {
			throw new IOException("The checkpoint directory " + this.directory + " is a file, not a directory");
		}
		if (!Files.isDirectory(this.directory)) {
			createOwnerOnly(this.directory);
		}
		Path gitignore = this.directory.resolve(".gitignore");
		if (!Files.exists(gitignore)) {
			try {
				Files.writeString(gitignore, "# Created by checkpointing: stored results are not source.\n*\n",
						StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
			}
			catch (FileAlreadyExistsException ex) {
				// another thread or process wrote it first
			}
		}
		this.prepared = true;
	}

	private static void createOwnerOnly(Path directory) throws IOException {
		if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			Path parent = directory.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			try {
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
			}
			catch (FileAlreadyExistsException ex) {
				// created concurrently
			}
		}
		else {
			Files.createDirectories(directory);
		}
	}

}
