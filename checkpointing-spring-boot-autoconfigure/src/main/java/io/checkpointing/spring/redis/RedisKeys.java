package io.checkpointing.spring.redis;

import java.nio.charset.StandardCharsets;

import io.checkpointing.key.CallKey;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ClusterSlotHashUtil;

/**
 * The names of a store's keys under its prefix: an entry {@code <prefix><64 hex digits>}, its
 * lease {@code <prefix>lock:<hex>}, and the chunks of a large entry
 * {@code <prefix>chunks:{<entry key>}:<id>:<n>}. The chunks' hash tag is the entry's whole key,
 * so that on a Redis Cluster they live in the entry's slot and one script can swap an entry and
 * retire its old chunks.
 */
final class RedisKeys {

	private static final int HEX_DIGITS = 64;

	private final String prefix;

	RedisKeys(String prefix) {
		if (prefix.isEmpty()) {
			throw new IllegalArgumentException("The Redis key prefix (checkpointing.redis.key-prefix) must not be empty:"
					+ " clearing the store deletes every key that starts with it");
		}
		this.prefix = prefix;
		byte[] sample = entry(CallKey.fromHex("0".repeat(HEX_DIGITS)));
		if (ClusterSlotHashUtil.calculateSlot(sample) != ClusterSlotHashUtil.calculateSlot(chunk(sample, "0", 0))) {
			throw new IllegalArgumentException("The Redis key prefix (checkpointing.redis.key-prefix) '" + prefix
					+ "' has a '{' that no '}' closes: a large entry's chunks would hash to another slot than the entry");
		}
	}

	byte[] entry(CallKey key) {
		return bytes(this.prefix + key.hex());
	}

	byte[] lock(CallKey key) {
		return bytes(this.prefix + "lock:" + key.hex());
	}

	/**
	 * @param entryKey the entry's Redis key
	 * @param id the chunks' identifier, unique to one write
	 * @param index which chunk, from 0
	 * @return the key of one chunk of an entry
	 */
	byte[] chunk(byte[] entryKey, String id, int index) {
		return bytes(chunksOf(entryKey) + id + ":" + index);
	}

	/** @return the start of the names of an entry's chunks, for the scripts that retire them */
	String chunksOf(byte[] entryKey) {
		return this.prefix + "chunks:{" + new String(entryKey, StandardCharsets.UTF_8) + "}:";
	}

	/** @return a {@code SCAN} pattern of the entries: the prefix then exactly 64 characters, not leases nor chunks */
	String entryPattern() {
		return escapeGlob(this.prefix) + "?".repeat(HEX_DIGITS);
	}

	/** @return a {@code SCAN} pattern of every entry's chunks, and of nothing else */
	String chunksPattern() {
		return escapeGlob(this.prefix) + "chunks:{" + entryPattern() + "}:" + "?".repeat(ChunkedEntry.ID_HEX_DIGITS) + ":*";
	}

	/** @return the call whose entry a Redis key is, or {@code null} if it is no entry of this store */
	@Nullable CallKey callKeyOf(byte[] redisKey) {
		String name = new String(redisKey, StandardCharsets.UTF_8);
		if (!name.startsWith(this.prefix)) {
			return null;
		}
		try {
			return CallKey.fromHex(name.substring(this.prefix.length()));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	String prefix() {
		return this.prefix;
	}

	private static byte[] bytes(String name) {
		return name.getBytes(StandardCharsets.UTF_8);
	}

	private static String escapeGlob(String text) {
		StringBuilder escaped = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if ("*?[]\\^".indexOf(c) >= 0) {
				escaped.append('\\');
			}
			escaped.append(c);
		}
		return escaped.toString();
	}

}
