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

import io.checkpointing.store.ByteBufferInputStream;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;

/**
 * Writes entries by hand, as a damaged disk or someone who can write the store would: valid
 * envelopes around any payload, and forged fixed headers with a checksum that matches again.
 */
final class PlantedEntries {

	/** Where the format keeps its CRC32C, which covers every byte but these four (see {@link EntryFormat}). */
	private static final int CHECKSUM_OFFSET = 20;

	private static final int FIXED_HEADER = 24;

	private PlantedEntries() {
	}

	/**
	 * @return an intact entry, as this version writes it, around {@code payload}
	 */
	static byte[] envelope(String serializerId, String methodName, byte[] payload) {
		EntryHeader header = new EntryHeader(serializerId, methodName, Instant.now(), Duration.ofMillis(5), "planted", 0,
				List.of());
		try {
			return bytes(EntryFormat.encode(header, (out) -> out.write(payload)));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * @return a copy of {@code entry} whose checksum matches its bytes again; entries shorter
	 * than the fixed header are returned as they are
	 */
	static byte[] withValidChecksum(byte[] entry) {
		byte[] forged = entry.clone();
		if (forged.length < FIXED_HEADER) {
			return forged;
		}
		CRC32C crc = new CRC32C();
		crc.update(forged, 0, CHECKSUM_OFFSET);
		crc.update(forged, FIXED_HEADER, forged.length - FIXED_HEADER);
		ByteBuffer.wrap(forged).putInt(CHECKSUM_OFFSET, (int) crc.getValue());
		return forged;
	}

	/**
	 * @return the payload of an intact entry
	 */
	static byte[] payloadOf(byte[] entry) {
		try {
			return bytes(EntryFormat.decode(ByteBuffer.wrap(entry)).payload());
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
