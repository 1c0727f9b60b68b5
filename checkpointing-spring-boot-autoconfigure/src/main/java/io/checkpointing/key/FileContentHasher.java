package io.checkpointing.key;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Hashes files by content, for parameters annotated {@code @Checkpoint.Content}: a directory by
 * the names and contents of every file under it. Each file's digest is memoized by its path,
 * size, modification time and file key, so a large input is read once until it changes.
 */
final class FileContentHasher {

	private static final int BUFFER_BYTES = 1 << 16;

	private final Map<Path, Memo> memos = new ConcurrentHashMap<>();

	byte[] hash(Path path) throws IOException {
		Path absolute = path.toAbsolutePath().normalize();
		BasicFileAttributes attributes = Files.readAttributes(absolute, BasicFileAttributes.class);
		if (!attributes.isDirectory()) {
			return fileDigest(absolute, attributes);
		}
		MessageDigest digest = Digests.sha256();
		List<Path> files;
		try (Stream<Path> walk = Files.walk(absolute)) {
			files = walk.filter((file) -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
		}
		for (Path file : files) {
			digest.update(absolute.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
			digest.update((byte) 0);
			digest.update(fileDigest(file, Files.readAttributes(file, BasicFileAttributes.class)));
		}
		return digest.digest();
	}

	private byte[] fileDigest(Path file, BasicFileAttributes attributes) throws IOException {
		Memo memo = this.memos.get(file);
		if (memo != null && memo.matches(attributes)) {
			return memo.digest();
		}
		MessageDigest digest = Digests.sha256();
		byte[] buffer = new byte[BUFFER_BYTES];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		byte[] result = digest.digest();
		this.memos.put(file, new Memo(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey(), result));
		return result;
	}

	// Holds its arrays as parts to read, never compared or used as a key: array equality does not matter.
	@SuppressWarnings("ArrayRecordComponent")
	private record Memo(long size, long modified, Object fileKey, byte[] digest) {

		boolean matches(BasicFileAttributes attributes) {
			return this.size == attributes.size() && this.modified == attributes.lastModifiedTime().toMillis()
					&& Objects.equals(this.fileKey, attributes.fileKey());
		}

	}

	static boolean isMissing(IOException ex) {
		return ex instanceof NoSuchFileException;
	}

}
