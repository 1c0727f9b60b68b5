package io.checkpointing.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;

/**
 * Writes entries by hand, as a damaged disk or someone who can write the store would: valid
 * envelopes around any payload, and forged fixed headers with a checksum that matches again.
 */
final class PlantedEntries {

	/** The format's CRC32C is an entry's last four bytes, and covers every byte before them (see {@link EntryFormat}). */
	private static final int CHECKSUM_LENGTH = 4;

	/** The key an entry was written for follows the header length. */
	private static final int KEY_OFFSET = 12;

	private static final int KEY_LENGTH = 32;

	private PlantedEntries() {
	}

	/**
	 * @return an intact entry for {@code key}, as this version writes it, around {@code payload}
	 */
	static byte[] envelope(CallKey key, String serializerId, String methodName, byte[] payload) {
		EntryHeader header = new EntryHeader(serializerId, methodName, Instant.now(), Duration.ofMillis(5), "planted", 0,
				List.of());
		try {
			return bytes(EntryFormat.encode(key, header, (out) -> out.write(payload)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return a copy of {@code entry} whose checksum, its last four bytes, matches its bytes again;
	 * entries shorter than a checksum are returned as they are
	 */
	static byte[] withValidChecksum(byte[] entry) {
		byte[] forged = entry.clone();
		if (forged.length < CHECKSUM_LENGTH) {
			return forged;
		}
		CRC32C crc = new CRC32C();
		crc.update(forged, 0, forged.length - CHECKSUM_LENGTH);
		ByteBuffer.wrap(forged).putInt(forged.length - CHECKSUM_LENGTH, (int) crc.getValue());
		return forged;
	}

	/**
	 * @return the payload of an intact entry
	 */
	static byte[] payloadOf(byte[] entry) {
		try {
			ByteBuffer bytes = ByteBuffer.wrap(entry);
			return bytes(EntryFormat.decode(bytes, EntryFormat.keyOf(bytes)).payload());
		}
		catch (DamagedEntryException ex) {
			throw new IllegalArgumentException("not an intact entry: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return the file of the one entry that method has in a filesystem store
	 */
	static Path entryFileOf(Path directory, String methodName) throws IOException {
		try (Stream<Path> files = Files.walk(directory)) {
			List<Path> matching = files.filter((file) -> file.toString().endsWith(".ckpt"))
				.filter((file) -> methodName.equals(methodNameIn(file)))
				.toList();
			if (matching.size() != 1) {
				throw new IllegalStateException(methodName + " has " + matching.size() + " entries in " + directory);
			}
			return matching.get(0);
		}
	}

	/**
	 * @return the key an intact entry was written for
	 */
	static CallKey keyOf(byte[] entry) {
		try {
			return EntryFormat.keyOf(ByteBuffer.wrap(entry));
		}
		catch (DamagedEntryException ex) {
			throw new IllegalArgumentException("not an entry of this format: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return the same entry without its key, as the first format version wrote entries before
	 * they recorded their key: version 1
	 */
	static byte[] inFirstFormat(byte[] entry) {
		byte[] first = new byte[entry.length - KEY_LENGTH];
		System.arraycopy(entry, 0, first, 0, KEY_OFFSET);
		System.arraycopy(entry, KEY_OFFSET + KEY_LENGTH, first, KEY_OFFSET, first.length - KEY_OFFSET);
		ByteBuffer fields = ByteBuffer.wrap(first);
		fields.putShort(4, (short) 1).putInt(8, fields.getInt(8) - KEY_LENGTH);
		return withValidChecksum(first);
	}

	/**
	 * @return the file that holds the key's entry in a filesystem store
	 */
	static Path entryFileOf(Path directory, CallKey key) {
		String hex = key.hex();
		return directory.resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".ckpt");
	}

	/**
	 * @return the key whose entry a file of a filesystem store holds, by the file's path
	 */
	static CallKey keyOf(Path entryFile) {
		String name = entryFile.getFileName().toString();
		return CallKey.fromHex(entryFile.getParent().getFileName() + name.substring(0, name.length() - ".ckpt".length()));
	}

	private static String methodNameIn(Path file) {
		try {
			return EntryFormat.readHeader(new ByteBufferInputStream(ByteBuffer.wrap(Files.readAllBytes(file)))).methodName();
		}
		catch (IOException | DamagedEntryException ex) {
			return "";
		}
	}

	static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.duplicate().get(bytes);
		return bytes;
	}

}
