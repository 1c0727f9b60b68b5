package io.checkpointing.key;

import java.nio.ByteBuffer;
import java.security.MessageDigest;

/**
 * Feeds primitive arrays and strings to a digest in bulk, as little-endian bytes, through a
 * reusable buffer: a 100 MB {@code double[]} costs one copy per 64 KB chunk, no per-element work.
 */
final class PrimitiveArrays {

	private PrimitiveArrays() {
	}

	// The scratch buffer is always CanonicalEncoder's chunk, made by ByteBuffer.allocate: its array starts at 0.
	@SuppressWarnings("ByteBufferBackingArray")
	static void feed(Object array, MessageDigest digest, ByteBuffer scratch) {
		if (array instanceof byte[] bytes) {
			digest.update(bytes);
		}
		else if (array instanceof boolean[] booleans) {
			// One byte per element, as always; gathered into the chunk so the digest is fed in bulk.
			byte[] bytes = scratch.array();
			for (int from = 0; from < booleans.length; from += bytes.length) {
				int count = Math.min(bytes.length, booleans.length - from);
				for (int i = 0; i < count; i++) {
					bytes[i] = (byte) (booleans[from + i] ? 1 : 0);
				}
				digest.update(bytes, 0, count);
			}
		}
		else if (array instanceof double[] doubles) {
			int perChunk = scratch.capacity() / Double.BYTES;
			for (int from = 0; from < doubles.length; from += perChunk) {
				int count = Math.min(perChunk, doubles.length - from);
				scratch.clear();
				scratch.asDoubleBuffer().put(doubles, from, count);
				update(digest, scratch, count * Double.BYTES);
			}
		}
		else if (array instanceof long[] longs) {
			int perChunk = scratch.capacity() / Long.BYTES;
			for (int from = 0; from < longs.length; from += perChunk) {
				int count = Math.min(perChunk, longs.length - from);
				scratch.clear();
				scratch.asLongBuffer().put(longs, from, count);
				update(digest, scratch, count * Long.BYTES);
			}
		}
		else if (array instanceof int[] ints) {
			int perChunk = scratch.capacity() / Integer.BYTES;
			for (int from = 0; from < ints.length; from += perChunk) {
				int count = Math.min(perChunk, ints.length - from);
				scratch.clear();
				scratch.asIntBuffer().put(ints, from, count);
				update(digest, scratch, count * Integer.BYTES);
			}
		}
		else if (array instanceof float[] floats) {
			int perChunk = scratch.capacity() / Float.BYTES;
			for (int from = 0; from < floats.length; from += perChunk) {
				int count = Math.min(perChunk, floats.length - from);
				scratch.clear();
				scratch.asFloatBuffer().put(floats, from, count);
				update(digest, scratch, count * Float.BYTES);
			}
		}
		else if (array instanceof short[] shorts) {
			int perChunk = scratch.capacity() / Short.BYTES;
			for (int from = 0; from < shorts.length; from += perChunk) {
				int count = Math.min(perChunk, shorts.length - from);
				scratch.clear();
				scratch.asShortBuffer().put(shorts, from, count);
				update(digest, scratch, count * Short.BYTES);
			}
		}
		else if (array instanceof char[] chars) {
			int perChunk = scratch.capacity() / Character.BYTES;
			for (int from = 0; from < chars.length; from += perChunk) {
				int count = Math.min(perChunk, chars.length - from);
				scratch.clear();
				scratch.asCharBuffer().put(chars, from, count);
				update(digest, scratch, count * Character.BYTES);
			}
		}
		else {
			throw new IllegalArgumentException("Not a primitive array: " + array.getClass());
		}
	}

	static void feed(String text, MessageDigest digest, ByteBuffer scratch) {
		int perChunk = scratch.capacity() / Character.BYTES;
		for (int from = 0; from < text.length(); from += perChunk) {
			int to = Math.min(text.length(), from + perChunk);
			scratch.clear();
			scratch.asCharBuffer().put(text, from, to);
			update(digest, scratch, (to - from) * Character.BYTES);
		}
	}

	private static void update(MessageDigest digest, ByteBuffer scratch, int length) {
		scratch.position(0).limit(length);
		digest.update(scratch);
	}

}
