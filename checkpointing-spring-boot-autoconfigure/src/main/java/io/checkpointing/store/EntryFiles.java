package io.checkpointing.store;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of the entries in a checkpoint directory: {@code <2 hex>/<62 hex>.ckpt}, named by
 * their key. Only what is certainly ours is opened or deleted: a regular file (never a symbolic
 * link, a FIFO, a device or a folder) in a real folder (never a link to elsewhere), named by one
 * of our keys; clearing also requires the file to start as our entries do. A user's own
 * {@code model.ckpt} placed in the directory, a folder named like an entry or a link is left
 * alone and reported in the log once.
 */
final class EntryFiles {

	private static final Logger logger = LoggerFactory.getLogger(FilesystemBackend.class);

	static final String SUFFIX = ".ckpt";

	private static final int HEADER_READ_BYTES = 4096;

	/** Entries this large are memory-mapped: below it, a read into the heap costs less than a mapping. */
	static final long MAP_AT_BYTES = 1024 * 1024;

	/**
	 * Windows cannot delete or replace a file while a mapping of it lives, and a mapping lives
	 * until the garbage collector frees it: there, large entries are read as streams.
	 */
	private static final boolean MAPPING_ALLOWED = java.io.File.separatorChar == '/';

	/** The first two of a key's 64 hex digits name its folder. */
	private static final int KEY_DIGITS_IN_NAME = 62;

	/** How many of the files left alone one warning names. */
	private static final int NAMED_IN_A_WARNING = 10;

	private final Path directory;

	private final Set<Path> reported = ConcurrentHashMap.newKeySet();

	/** Shard folders found to be real folders, not links out of the directory. */
	private final Set<Path> realFolders = ConcurrentHashMap.newKeySet();

	/**
	 * The shard folders of the directory by their number, resolved once: a hit resolves only its
	 * file's name in one (a path resolved per hit was a tenth of a filesystem hit's CPU).
	 */
	private final Path[] folders = new Path[256];

	EntryFiles(Path directory) {
		this.directory = directory;
		for (int shard = 0; shard < this.folders.length; shard++) {
			// Lower case, as a key's digits are (CallKey#hex).
			this.folders[shard] = directory.resolve(HexFormat.of().toHexDigits((byte) shard));
		}
	}

	Path pathOf(CallKey key) {
		String hex = key.hex();
		return folderOf(hex).resolve(hex.substring(2) + SUFFIX);
	}

	/** The folder of a key's entry: the directory's folder named by the first two digits. */
	private Path folderOf(String hex) {
		return this.folders[HexFormat.fromHexDigits(hex, 0, 2)];
	}

	/**
	 * Opens an entry's file for reading, without following a link and without opening anything
	 * but a regular file: opening a FIFO would wait for a writer, a device could be read forever.
	 * @return the open file, or empty if there is none
	 * @throws NotAnEntryFileException if something else is at the entry's path
	 */
	Optional<FileChannel> openForReading(CallKey key) throws IOException {
		String hex = key.hex();
		Path folder = folderOf(hex);
		Path file = folder.resolve(hex.substring(2) + SUFFIX);
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
		if (!attributes.isRegularFile()) {
			throw new NotAnEntryFileException(this.directory, file, describe(attributes));
		}
		requireReal(folder);
		try {
			return Optional.of(FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
		}
		catch (NoSuchFileException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Opens an entry's file for reading: a large one mapped, so the page cache is read in place
	 * (no copy into the heap); where mapping is not allowed, and past 2 GB, which one buffer cannot
	 * map, a large one as a stream of the file; a small one read into the heap at once.
	 * @return the entry, or empty if there is none
	 * @throws NotAnEntryFileException if something else is at the entry's path
	 */
	Optional<InputStream> open(CallKey key) throws IOException {
		Optional<FileChannel> opened = openForReading(key);
		if (opened.isEmpty()) {
			return Optional.empty();
		}
		FileChannel channel = opened.get();
		try {
			long size = channel.size();
			if ((size >= MAP_AT_BYTES && !MAPPING_ALLOWED) || size > Integer.MAX_VALUE - 8) {
				// Closing the stream closes the file.
				return Optional.of(new SizedFileStream(Channels.newInputStream(channel), size));
			}
			try (channel) {
				if (size >= MAP_AT_BYTES) {
					// An entry is replaced by a rename, never rewritten in place, so the mapping stays consistent.
					return Optional.of(new ByteBufferInputStream(channel.map(FileChannel.MapMode.READ_ONLY, 0, size)));
				}
				ByteBuffer entry = ByteBuffer.allocate((int) size);
				while (entry.hasRemaining() && channel.read(entry) >= 0) {
					// a file can shrink only if it is replaced, and replacement creates a new file: read to its end
				}
				return Optional.of(new ByteBufferInputStream(entry.flip()));
			}
		}
		catch (IOException | RuntimeException ex) {
			channel.close();
			throw ex;
		}
	}

	/**
	 * The folder of an entry must be a folder of the directory, not a link out of it: writes
	 * through it would land elsewhere.
	 * @throws NotAnEntryFileException if it is a link
	 */
	void requireRealFolder(Path file) throws IOException {
		// An entry's path is always in a folder of the directory (see pathOf).
		requireReal(Objects.requireNonNull(file.getParent()));
	}

	private void requireReal(Path folder) throws IOException {
		// Checked once per folder (there are at most 256): a second lstat on every hit costs as much
		// as opening the entry. Replacing a checked folder by a link later needs write access to the
		// directory, which could as well plant entries (see signing).
		if (this.realFolders.contains(folder)) {
			return;
		}
		if (Files.isSymbolicLink(folder)) {
			throw new NotAnEntryFileException(this.directory, folder, "a symbolic link");
		}
		if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			this.realFolders.add(folder);
		}
	}

	/**
	 * Deletes the entry of a key if it is a regular file; anything else at its path is left and
	 * reported once.
	 * @return whether an entry was deleted
	 */
	boolean delete(CallKey key) throws IOException {
		Path file = pathOf(key);
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		if (!attributes.isRegularFile() || Files.isSymbolicLink(file.getParent())) {
			reportLeft(List.of(file));
			return false;
		}
		boolean deleted = Files.deleteIfExists(file);
		if (deleted) {
			removeFolderIfEmpty(this.directory, file);
		}
		return deleted;
	}

	/**
	 * Removes the folder of an entry whose file was just deleted, if nothing is left in it, so
	 * that evictions and pruning leave no empty folders behind. A writer that finds the folder gone
	 * creates it again ({@link OwnerOnlyFiles#createOwnerOnly}).
	 * @param directory the checkpoint directory, which is never removed
	 * @param deletedFile the entry's file; only a folder of the directory is removed
	 */
	static void removeFolderIfEmpty(Path directory, Path deletedFile) {
		Path folder = deletedFile.getParent();
		if (folder == null || !directory.equals(folder.getParent()) || Files.isSymbolicLink(folder)) {
			return;
		}
		try {
			// Removes only an empty folder: a file written meanwhile keeps it.
			Files.delete(folder);
		}
		catch (DirectoryNotEmptyException | NoSuchFileException ex) {
			// still in use, or removed by another process
		}
		catch (IOException ex) {
			logger.debug("Could not remove the empty folder {}: {}", folder, ex.toString());
		}
	}

	/**
	 * @return the entries whose header can be read, with their keys
	 */
	Stream<StoredEntry> list() throws IOException {
		return candidates().map(this::describe).flatMap(Optional::stream);
	}

	/**
	 * Deletes every entry of ours: a regular file named by a key that starts as our entries do.
	 * Every other file with the suffix, and every folder or link named like an entry, is left and
	 * reported once.
	 */
	void clear() throws IOException {
		List<Path> left = new ArrayList<>();
		try (Stream<Path> files = Files.find(this.directory, 2, (path, attributes) -> path.getFileName()
			.toString()
			.endsWith(SUFFIX))) {
			for (Path file : (Iterable<Path>) files::iterator) {
				if (keyOf(file) != null && isRegularFile(file) && startsAsAnEntry(file)) {
					Files.deleteIfExists(file);
				}
				else {
					left.add(file);
				}
			}
		}
		catch (java.io.UncheckedIOException ex) {
			throw ex.getCause();
		}
		reportLeft(left);
	}

	// Returned open on purpose: each caller closes it with try-with-resources or hands it on.
	@SuppressWarnings("StreamResourceLeak")
	private Stream<Path> candidates() throws IOException {
		// Files.find does not follow links: a linked folder is not descended, a linked file is not regular.
		return Files.find(this.directory, 2, (path, attributes) -> attributes.isRegularFile()
				&& path.getFileName().toString().endsWith(SUFFIX))
			.filter((file) -> keyOf(file) != null);
	}

	private Optional<StoredEntry> describe(Path file) {
		CallKey key = keyOf(file);
		if (key == null) {
			return Optional.empty();
		}
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
				InputStream in = Channels.newInputStream(channel)) {
			// Buffered, so only the header is read however large the payload.
			return Optional.of(new StoredEntry(key, channel.size(),
					EntryFormat.readHeader(new BufferedInputStream(in, HEADER_READ_BYTES), channel.size())));
		}
		catch (IOException | DamagedEntryException ex) {
			return Optional.empty();
		}
	}

	/** @return the key a file is named by, or {@code null} if it is not named as our entries are */
	private @Nullable CallKey keyOf(Path file) {
		Path folder = file.getParent();
		if (folder == null || !this.directory.equals(folder.getParent())) {
			return null;
		}
		String name = file.getFileName().toString();
		if (!name.endsWith(SUFFIX)) {
			return null;
		}
		String hex = folder.getFileName() + name.substring(0, name.length() - SUFFIX.length());
		try {
			CallKey key = CallKey.fromHex(hex);
			// Upper-case digits parse too, but are not a name this store writes.
			return key.hex().equals(hex) ? key : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * @param name a file's name in a folder of the directory
	 * @return whether it starts as the files of a key do: the key's last 62 hex digits, then a dot
	 */
	static boolean isNamedByKey(String name) {
		if (name.length() <= KEY_DIGITS_IN_NAME || name.charAt(KEY_DIGITS_IN_NAME) != '.') {
			return false;
		}
		for (int i = 0; i < KEY_DIGITS_IN_NAME; i++) {
			char c = name.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	private static boolean isRegularFile(Path file) {
		return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(file.getParent());
	}

	/**
	 * A damaged entry of ours still starts with our magic, or is empty (a power loss can leave an
	 * entry's file without its content); a foreign file rarely does either.
	 */
	private static boolean startsAsAnEntry(Path file) {
		try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
				DataInputStream in = new DataInputStream(Channels.newInputStream(channel))) {
			return channel.size() == 0 || in.readInt() == EntryFormat.MAGIC;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void reportLeft(List<Path> left) {
		List<Path> unreported = left.stream().filter(this.reported::add).toList();
		if (unreported.isEmpty()) {
			return;
		}
		logger.warn("Left {} file(s) in the checkpoint directory {} that are not entries of checkpointing"
				+ " (not a regular file named by a key and starting as an entry): {}{}. They are not deleted;"
				+ " remove them yourself if you do not need them. (Each file is reported once.)", unreported.size(),
				this.directory, unreported.subList(0, Math.min(NAMED_IN_A_WARNING, unreported.size())),
				(unreported.size() > NAMED_IN_A_WARNING) ? " and others" : "");
	}

	private static String describe(BasicFileAttributes attributes) {
		if (attributes.isSymbolicLink()) {
			return "a symbolic link";
		}
		if (attributes.isDirectory()) {
			return "a folder";
		}
		return "a special file (a FIFO, a socket or a device)";
	}

}
