package io.checkpointing.serial;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.store.ReservableOutput;

/**
 * Large primitive arrays taken out of a document and stored after it as raw little-endian
 * blocks, like pickle's protocol 5 buffers: a 100 MB {@code double[]} is copied, not encoded and
 * parsed element by element. In the document each such array is a small placeholder,
 * {@code {"$array":"double","length":13107200,"block":0}}, so a {@code json} document stays
 * readable.
 *
 * <pre>
 * offset  size  field (integers big-endian)
 *      0     1  0xFF: no JSON, Smile or CBOR document starts with it, so payloads without blocks stay plain documents
 *      1     3  "OOB"
 *      4     4  document length
 *      8     4  block count
 *     12   9×n  per block: array kind (1), element count (8)
 *      …     …  the document
 *      …     …  each block, little-endian, starting at a multiple of 8 from the payload's start
 * </pre>
 */
final class OutOfBandBlocks {

	/** Arrays smaller than this stay in the document, where they are readable and cost little. */
	static final int MIN_BYTES = 1024;

	static final String ARRAY = "$array";

	static final String LENGTH = "length";

	static final String BLOCK = "block";

	static final byte MARKER = (byte) 0xFF;

	static final byte[] MAGIC = { MARKER, 'O', 'O', 'B' };

	static final int FIXED = 12;

	static final int PER_BLOCK = 9;

	private final List<ArrayKind> kinds = new ArrayList<>();

	private final List<Object> arrays = new ArrayList<>();

	/** @return whether the array belongs out of band */
	static boolean isLarge(ArrayKind kind, int length) {
		return (long) length * kind.elementBytes() >= MIN_BYTES;
	}

	/** @return the block index of an array now taken out of the document */
	int add(ArrayKind kind, Object array) {
		this.kinds.add(kind);
		this.arrays.add(array);
		return this.arrays.size() - 1;
	}

	boolean isEmpty() {
		return this.arrays.isEmpty();
	}

	/** Writes the frame, the document and the blocks. */
	void writeWith(byte[] document, int documentLength, OutputStream out) throws IOException {
		if (out instanceof ReservableOutput reservable) {
			reservable.reserve(size(documentLength));
		}
		DataOutputStream data = new DataOutputStream(out);
		data.write(MAGIC);
		data.writeInt(documentLength);
		data.writeInt(this.arrays.size());
		for (int i = 0; i < this.arrays.size(); i++) {
			data.writeByte(this.kinds.get(i).code());
			data.writeLong(Array.getLength(this.arrays.get(i)));
		}
		data.write(document, 0, documentLength);
		long written = FIXED + (long) PER_BLOCK * this.arrays.size() + documentLength;
		for (int i = 0; i < this.arrays.size(); i++) {
			written += pad(data, written);
			ArrayKind kind = this.kinds.get(i);
			int length = Array.getLength(this.arrays.get(i));
			data.flush();
			kind.write(this.arrays.get(i), length, out);
			written += (long) length * kind.elementBytes();
		}
		data.flush();
	}

	/** @return how many bytes {@link #writeWith} writes */
	private long size(int documentLength) {
		long size = FIXED + (long) PER_BLOCK * this.arrays.size() + documentLength;
		for (int i = 0; i < this.arrays.size(); i++) {
			size += padding(size) + (long) Array.getLength(this.arrays.get(i)) * this.kinds.get(i).elementBytes();
		}
		return size;
	}

	static int padding(long written) {
		return (int) ((8 - (written & 7)) & 7);
	}

	private static int pad(OutputStream out, long written) throws IOException {
		int padding = padding(written);
		for (int i = 0; i < padding; i++) {
			out.write(0);
		}
		return padding;
	}

	/** @return whether the payload has blocks after its document */
	static boolean hasBlocks(ByteBuffer payload) {
		return payload.remaining() > 0 && payload.get(payload.position()) == MARKER;
	}

	/**
	 * Reads the frame of a payload that {@link #hasBlocks has blocks}. Every length is checked
	 * against the payload before anything is allocated: a forged count is refused, not trusted.
	 * @param payload the payload, from its position to its limit
	 * @return the document and the blocks
	 * @throws IOException if the frame is damaged
	 */
	static Frame read(ByteBuffer payload) throws IOException {
		ByteBuffer bytes = payload.slice().order(ByteOrder.BIG_ENDIAN);
		long size = bytes.limit();
		if (size < FIXED || bytes.get(1) != 'O' || bytes.get(2) != 'O' || bytes.get(3) != 'B') {
			throw new IOException("its out-of-band frame is damaged (no 'OOB' marker)");
		}
		int documentLength = bytes.getInt(4);
		int count = bytes.getInt(8);
		long documentStart = FIXED + (long) PER_BLOCK * count;
		if (count < 0 || documentLength < 0 || documentStart + documentLength > size) {
			throw new IOException("its out-of-band frame is damaged (" + count + " blocks, document of " + documentLength
					+ " bytes in a payload of " + size + ")");
		}
		ArrayKind[] kinds = new ArrayKind[count];
		ByteBuffer[] blocks = new ByteBuffer[count];
		long offset = documentStart + documentLength;
		for (int i = 0; i < count; i++) {
			int at = FIXED + PER_BLOCK * i;
			ArrayKind kind = ArrayKind.ofCode(bytes.get(at));
			long length = bytes.getLong(at + 1);
			if (kind == null || length < 0 || length > Integer.MAX_VALUE - 8) {
				throw new IOException("its out-of-band block " + i + " is damaged (kind " + bytes.get(at) + ", " + length
						+ " elements)");
			}
			offset += (8 - (offset & 7)) & 7;
			long blockBytes = length * kind.elementBytes();
			if (offset + blockBytes > size) {
				throw new IOException("its out-of-band block " + i + " of " + blockBytes + " bytes runs past the end of the "
						+ size + "-byte payload");
			}
			kinds[i] = kind;
			blocks[i] = bytes.slice((int) offset, (int) blockBytes).order(ByteOrder.LITTLE_ENDIAN);
			offset += blockBytes;
		}
		if (offset != size) {
			throw new IOException("its out-of-band blocks end at byte " + offset + " of a " + size + "-byte payload");
		}
		return new Frame(bytes.slice((int) documentStart, documentLength), kinds, blocks);
	}

	/** Where the document's placeholders take their arrays from. */
	interface ArraySource {

		/**
		 * @return a new array with the block's elements
		 * @throws IOException if the placeholder does not match the block it names, or the block
		 * cannot be read
		 */
		Object array(int index, ArrayKind kind, long length) throws IOException;

	}

	/** A payload's document and its blocks, all in one buffer. */
	static final class Frame implements ArraySource {

		private final ByteBuffer document;

		private final ArrayKind[] kinds;

		private final ByteBuffer[] blocks;

		private Frame(ByteBuffer document, ArrayKind[] kinds, ByteBuffer[] blocks) {
			this.document = document;
			this.kinds = kinds;
			this.blocks = blocks;
		}

		ByteBuffer document() {
			return this.document;
		}

		@Override
		public Object array(int index, ArrayKind kind, long length) throws IOException {
			if (index < 0 || index >= this.blocks.length) {
				throw new IOException("the document names out-of-band block " + index + " of " + this.blocks.length);
			}
			ByteBuffer block = this.blocks[index];
			if (this.kinds[index] != kind || block.limit() != length * kind.elementBytes()) {
				throw new IOException("out-of-band block " + index + " holds " + this.kinds[index].typeName() + "["
						+ block.limit() / this.kinds[index].elementBytes() + "], the document expects " + kind.typeName() + "["
						+ length + "]");
			}
			return kind.read(block.duplicate().order(ByteOrder.LITTLE_ENDIAN), (int) length);
		}

	}

}
