package io.checkpointing.spring.redis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

import org.jspecify.annotations.Nullable;

/**
 * What the key of a large entry holds instead of its bytes: the entry's size, how many chunks
 * it has, and the identifier that names them. It is
 * {@value #LENGTH} bytes that start with {@code CKPC}, where an entry's bytes start with
 * {@code CKPT}.
 * @param size the entry's length in bytes
 * @param chunks how many chunks the entry has
 * @param id the chunks' identifier, 32 hex digits unique to one write
 */
record ChunkedEntry(long size, int chunks, String id) {

	/** Its first bytes, {@code CKPC}; the commit and delete scripts recognise it by them. */
	static final String MAGIC = "CKPC";

	static final int LENGTH = 48;

	/** Where the chunk count starts, counted from 1 as Lua's {@code string.byte} counts. */
	static final int COUNT_START_IN_LUA = 13;

	/** Where the identifier starts, counted from 1 as Lua's {@code string.sub} counts. */
	static final int ID_START_IN_LUA = 17;

	static final int ID_HEX_DIGITS = 32;

	private static final int ID_BYTES = ID_HEX_DIGITS / 2;

	private static final int ID_OFFSET = ID_START_IN_LUA - 1;

	/** @return a new identifier: random, so two writers of one key never share chunks */
	static String newId() {
		byte[] random = new byte[ID_BYTES];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	/**
	 * @param value what an entry's key holds, or its first bytes
	 * @return what it describes, or {@code null} if it is an entry's bytes
	 */
	static @Nullable ChunkedEntry of(byte[] value) {
		if (value.length != LENGTH || !MAGIC.equals(new String(value, 0, MAGIC.length(), StandardCharsets.ISO_8859_1))) {
			return null;
		}
		ByteBuffer bytes = ByteBuffer.wrap(value);
		return new ChunkedEntry(bytes.getLong(MAGIC.length()), bytes.getInt(MAGIC.length() + Long.BYTES),
				new String(value, ID_OFFSET, LENGTH - ID_OFFSET, StandardCharsets.ISO_8859_1));
	}

	byte[] encode() {
		return ByteBuffer.allocate(LENGTH)
			.put(MAGIC.getBytes(StandardCharsets.ISO_8859_1))
			.putLong(this.size)
			.putInt(this.chunks)
			.put(this.id.getBytes(StandardCharsets.ISO_8859_1))
			.array();
	}

}
