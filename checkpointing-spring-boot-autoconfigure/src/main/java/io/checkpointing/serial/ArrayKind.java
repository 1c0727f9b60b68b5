package io.checkpointing.serial;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import io.checkpointing.store.LendingOutput;
import org.jspecify.annotations.Nullable;

/**
 * The primitive array types written out of band, each with its stable code in the payload and
 * its bulk copies between arrays and little-endian bytes. {@code boolean[]} and {@code char[]}
 * stay in the document: Jackson writes the latter as a string, and neither holds bulk data.
 */
enum ArrayKind {

	BYTE(1, byte[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			byte[] array = new byte[length];
			block.get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.put((byte[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.get((byte[]) array, from, count);
		}
	},

	SHORT(2, short[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			short[] array = new short[length];
			block.asShortBuffer().get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.asShortBuffer().put((short[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.asShortBuffer().get((short[]) array, from, count);
		}
	},

	INT(4, int[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			int[] array = new int[length];
			block.asIntBuffer().get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.asIntBuffer().put((int[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.asIntBuffer().get((int[]) array, from, count);
		}
	},

	LONG(8, long[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			long[] array = new long[length];
			block.asLongBuffer().get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.asLongBuffer().put((long[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.asLongBuffer().get((long[]) array, from, count);
		}
	},

	FLOAT(4, float[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			float[] array = new float[length];
			block.asFloatBuffer().get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.asFloatBuffer().put((float[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.asFloatBuffer().get((float[]) array, from, count);
		}
	},

	DOUBLE(8, double[].class) {
		@Override
		Object read(ByteBuffer block, int length) {
			double[] array = new double[length];
			block.asDoubleBuffer().get(array);
			return array;
		}

		@Override
		void put(Object array, int from, int count, ByteBuffer chunk) {
			chunk.asDoubleBuffer().put((double[]) array, from, count);
		}

		@Override
		void get(ByteBuffer chunk, Object array, int from, int count) {
			chunk.asDoubleBuffer().get((double[]) array, from, count);
		}
	};

	/** Arrays go through this much scratch at a time on their way to a stream. */
	private static final int CHUNK_BYTES = 256 * 1024;

	/**
	 * An array read from a stream of unknown size starts with this much and doubles as its bytes
	 * arrive: a damaged length costs at most about twice what the stream really holds.
	 */
	private static final int FIRST_UNCHECKED_BYTES = 16 * 1024 * 1024;

	private final int elementBytes;

	private final Class<?> arrayType;

	ArrayKind(int elementBytes, Class<?> arrayType) {
		this.elementBytes = elementBytes;
		this.arrayType = arrayType;
	}

	static @Nullable ArrayKind of(Class<?> arrayType) {
		for (ArrayKind kind : values()) {
			if (kind.arrayType == arrayType) {
				return kind;
			}
		}
		return null;
	}

	static @Nullable ArrayKind ofCode(int code) {
		return (code >= 0 && code < values().length) ? values()[code] : null;
	}

	int code() {
		return ordinal();
	}

	String typeName() {
		return this.arrayType.getComponentType().getName();
	}

	int elementBytes() {
		return this.elementBytes;
	}

	/**
	 * @param block exactly the block's bytes, little-endian
	 * @param length the number of elements
	 * @return a new array with the block's content, copied in bulk
	 */
	abstract Object read(ByteBuffer block, int length);

	abstract void put(Object array, int from, int count, ByteBuffer chunk);

	/** Copies {@code count} elements from the little-endian chunk into the array from index {@code from}. */
	abstract void get(ByteBuffer chunk, Object array, int from, int count);

	/**
	 * Reads an array from a stream of its little-endian elements, a chunk at a time: the array is
	 * the only copy of them in the heap. A length not checked against the stream's size is
	 * believed only as far as the bytes arrive: the array starts {@link #firstCapacity small} and
	 * grows as they do, so that a damaged length ends in an {@link EOFException}, not in an
	 * allocation of its size.
	 * @param in the stream, at the block's first byte
	 * @param length the number of elements
	 * @param capacity how many elements to allocate first: {@code length} if the stream is known
	 * to hold the whole block, so that the array is allocated once
	 * @return a new array with the block's content
	 * @throws EOFException if the stream ends before the block does
	 */
	Object readFrom(InputStream in, int length, int capacity) throws IOException {
		int allocated = Math.min(capacity, length);
		Object array = newArray(allocated);
		int perChunk = CHUNK_BYTES / this.elementBytes;
		byte[] chunk = new byte[chunkBytes(length)];
		for (int from = 0; from < length; from += perChunk) {
			int count = Math.min(perChunk, length - from);
			if (from + count > allocated) {
				while (from + count > allocated) {
					allocated = grownCapacity(allocated, length);
				}
				Object grown = newArray(allocated);
				System.arraycopy(array, 0, grown, 0, from);
				array = grown;
			}
			int bytes = count * this.elementBytes;
			if (in.readNBytes(chunk, 0, bytes) < bytes) {
				throw new EOFException("the payload ends inside a " + typeName() + "[" + length + "] block");
			}
			get(ByteBuffer.wrap(chunk, 0, bytes).order(ByteOrder.LITTLE_ENDIAN), array, from, count);
		}
		return array;
	}

	private Object newArray(int length) {
		return Array.newInstance(this.arrayType.getComponentType(), length);
	}

	/** @return how many elements an array whose length is not yet believed starts with */
	int firstCapacity(int length) {
		return Math.min(length, FIRST_UNCHECKED_BYTES / this.elementBytes);
	}

	/**
	 * @return the next capacity of an array whose elements filled the last: twice as many, so
	 * that the copies cost less than the array, but never more than the block claims
	 */
	static int grownCapacity(int capacity, int length) {
		return (int) Math.min(length, Math.max(1, 2L * capacity));
	}

	/**
	 * @return the scratch for copying an array of {@code length} elements through: at most
	 * {@link #CHUNK_BYTES}, computed in {@code long} since the array may hold more than 2 GB
	 */
	int chunkBytes(int length) {
		return (int) Math.min(CHUNK_BYTES, (long) length * this.elementBytes);
	}

	private void writeLent(Object array, int length, LendingOutput out) throws IOException {
		int perChunk = LendingOutput.MAX_LENT_BYTES / this.elementBytes;
		for (int from = 0; from < length; from += perChunk) {
			int count = Math.min(perChunk, length - from);
			// A duplicate, so that the lent buffer's position stays where the output expects it.
			put(array, from, count, out.lend(count * this.elementBytes).duplicate().order(ByteOrder.LITTLE_ENDIAN));
			out.written(count * this.elementBytes);
		}
	}

	/**
	 * Writes the array's elements as little-endian bytes, a chunk at a time: bulk copies, no
	 * per-element work. An output that lends its buffer gets them copied into it, once.
	 */
	void write(Object array, int length, OutputStream out) throws IOException {
		if (this == BYTE) {
			out.write((byte[]) array, 0, length);
			return;
		}
		if (out instanceof LendingOutput lending) {
			writeLent(array, length, lending);
			return;
		}
		int perChunk = CHUNK_BYTES / this.elementBytes;
		ByteBuffer chunk = ByteBuffer.allocate(chunkBytes(length)).order(ByteOrder.LITTLE_ENDIAN);
		for (int from = 0; from < length; from += perChunk) {
			int count = Math.min(perChunk, length - from);
			chunk.clear();
			put(array, from, count, chunk);
			out.write(chunk.array(), 0, count * this.elementBytes);
		}
	}

}
