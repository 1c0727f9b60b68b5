package io.checkpointing.reliability;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.DamagedEntryException;
import io.checkpointing.store.Entry;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.FilesystemBackend;

/**
 * Rewrites large entries of a few keys in a {@link FilesystemBackend} for ever, in two
 * generations that take turns, until it is killed. Arguments: the directory, the number of keys, the payload size in bytes. It prints
 * {@code writing} once its classes are loaded and it has written its first entry. Each payload
 * says which key and generation it belongs to, and its bytes follow from those two, so that a
 * reader can tell a correct entry from any other.
 */
public final class StoreWriterProgram {

	private StoreWriterProgram() {
	}

	public static void main(String[] args) throws IOException {
		FilesystemBackend backend = new FilesystemBackend(Path.of(args[0]));
		int keys = Integer.parseInt(args[1]);
		int bytes = Integer.parseInt(args[2]);
		// Encoded in advance, so that the writer spends its time writing files, where a kill matters.
		ByteBuffer[][] entries = new ByteBuffer[2][keys];
		for (int generation = 0; generation < 2; generation++) {
			for (int key = 0; key < keys; key++) {
				entries[generation][key] = entry(key, generation, bytes);
			}
		}
		backend.write(key(0), entries[0][0]);
		System.out.println("writing");
		for (int generation = 0;; generation = 1 - generation) {
			for (int key = 0; key < keys; key++) {
				backend.write(key(key), entries[generation][key]);
			}
		}
	}

	/** @return the key of the writer's {@code index}th entry, each in a folder of its own */
	public static CallKey key(int index) {
		return CallKey.fromHex(String.format("%02x%062x", (index * 37 + 5) % 256, index));
	}

	static ByteBuffer entry(int key, long generation, int bytes) throws IOException {
		byte[] payload = payload(key, generation, bytes);
		EntryHeader header = new EntryHeader("json", "Writer#write", Instant.now(), Duration.ZERO, "key=" + key, 0,
				List.of());
		return EntryFormat.encode(key(key), header, (out) -> out.write(payload));
	}

	private static byte[] payload(int key, long generation, int bytes) {
		ByteBuffer payload = ByteBuffer.allocate(bytes);
		payload.putInt(key).putLong(generation);
		long state = (key * 0x9E3779B97F4A7C15L) ^ (generation + 1) * 0xBF58476D1CE4E5B9L;
		while (payload.remaining() >= Long.BYTES) {
			state ^= state << 13;
			state ^= state >>> 7;
			state ^= state << 17;
			payload.putLong(state);
		}
		return payload.array();
	}

	/**
	 * @param key the key the entry was read under
	 * @param stored what was read
	 * @return the generation of the entry
	 * @throws DamagedEntryException if the entry is damaged
	 * @throws AssertionError if it is intact but not the entry this writer wrote for the key
	 */
	public static long verify(int key, ByteBuffer stored) throws DamagedEntryException {
		Entry entry = EntryFormat.decode(stored, key(key));
		ByteBuffer payload = entry.payload();
		byte[] actual = new byte[payload.remaining()];
		payload.get(actual);
		ByteBuffer head = ByteBuffer.wrap(actual);
		int writtenFor = head.getInt();
		long generation = head.getLong();
		if (writtenFor != key || !java.util.Arrays.equals(actual, payload(key, generation, actual.length))) {
			throw new AssertionError("The entry read for key " + key + " is not one the writer wrote for it (it says key "
					+ writtenFor + ", generation " + generation + ")");
		}
		return generation;
	}

}
