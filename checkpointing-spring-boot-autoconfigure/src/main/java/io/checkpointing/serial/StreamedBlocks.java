package io.checkpointing.serial;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The out-of-band blocks of a payload read from a stream ({@link OutOfBandBlocks} has the
 * layout): the frame and the document are read first, then each block when the document's
 * placeholder asks for it, straight into its array, so that a large array is never in the heap
 * twice, once as bytes and once as the array. Placeholders ask in the order the blocks were
 * written; a block asked for later than the one after it (Jackson may buffer a property) is read
 * ahead and kept until its placeholder asks.
 */
final class StreamedBlocks implements OutOfBandBlocks.ArraySource {

	private final InputStream in;

	private final byte[] document;

	private final List<ArrayKind> kinds;

	private final List<Integer> lengths;

	private final Map<Integer, Object> readAhead = new HashMap<>();

	/** The next block in the stream. */
	private int next;

	/** The payload's bytes read so far, for the blocks' alignment. */
	private long offset;

	/** Whether the blocks' lengths were checked against the payload's size, known before it was read. */
	private final boolean sizeChecked;

	private StreamedBlocks(InputStream in, byte[] document, List<ArrayKind> kinds, List<Integer> lengths,
			boolean sizeChecked) {
		this.in = in;
		this.sizeChecked = sizeChecked;
		this.document = document;
		this.kinds = kinds;
		this.lengths = lengths;
		this.offset = OutOfBandBlocks.FIXED + (long) OutOfBandBlocks.PER_BLOCK * kinds.size() + document.length;
	}

	/**
	 * Reads the frame and the document of a payload that starts with the out-of-band marker. A
	 * length is believed only as far as the stream holds bytes: a damaged count, document or
	 * block length ends in an {@link IOException}, not in an allocation of its size. Where the
	 * payload's size is known, the blocks must end exactly where it does, checked before any is
	 * read; where it is not, each array grows as its bytes arrive ({@link ArrayKind#readFrom}).
	 * @param in the payload, at its first byte
	 * @param size the payload's size in bytes, or -1 if it is not known
	 * @return the blocks, at the first
	 * @throws IOException if the frame is damaged or the stream fails
	 */
	static StreamedBlocks read(InputStream in, long size) throws IOException {
		DataInputStream data = new DataInputStream(in);
		byte[] magic = new byte[OutOfBandBlocks.MAGIC.length];
		data.readFully(magic);
		if (!Arrays.equals(magic, OutOfBandBlocks.MAGIC)) {
			throw new IOException("its out-of-band frame is damaged (no 'OOB' marker)");
		}
		int documentLength = data.readInt();
		int count = data.readInt();
		// Each block has a placeholder of several bytes in the document.
		if (count < 0 || documentLength < 0 || count > documentLength) {
			throw new IOException("its out-of-band frame is damaged (" + count + " blocks, document of " + documentLength
					+ " bytes)");
		}
		List<ArrayKind> kinds = new ArrayList<>();
		List<Integer> lengths = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			int code = data.readUnsignedByte();
			ArrayKind kind = ArrayKind.ofCode(code);
			long length = data.readLong();
			if (kind == null || length < 0 || length > Integer.MAX_VALUE - 8) {
				throw new IOException("its out-of-band block " + i + " is damaged (kind " + (byte) code + ", " + length
						+ " elements)");
			}
			kinds.add(kind);
			lengths.add((int) length);
		}
		byte[] document = data.readNBytes(documentLength);
		if (document.length < documentLength) {
			throw new EOFException("the payload ends inside its " + documentLength + "-byte document");
		}
		if (size >= 0) {
			long end = end(OutOfBandBlocks.FIXED + (long) OutOfBandBlocks.PER_BLOCK * count + documentLength, kinds, lengths);
			if (end != size) {
				throw new IOException("its out-of-band blocks end at byte " + end + " of a " + size + "-byte payload");
			}
		}
		return new StreamedBlocks(in, document, kinds, lengths, size >= 0);
	}

	/** @return where the blocks end, each after its padding, when the first may start at {@code start} */
	private static long end(long start, List<ArrayKind> kinds, List<Integer> lengths) {
		long end = start;
		for (int i = 0; i < kinds.size(); i++) {
			end += OutOfBandBlocks.padding(end) + (long) lengths.get(i) * kinds.get(i).elementBytes();
		}
		return end;
	}

	byte[] document() {
		return this.document;
	}

	@Override
	public Object array(int index, ArrayKind kind, long length) throws IOException {
		if (index < 0 || index >= this.kinds.size()) {
			throw new IOException("the document names out-of-band block " + index + " of " + this.kinds.size());
		}
		if (this.kinds.get(index) != kind || this.lengths.get(index) != length) {
			throw new IOException("out-of-band block " + index + " holds " + this.kinds.get(index).typeName() + "["
					+ this.lengths.get(index) + "], the document expects " + kind.typeName() + "[" + length + "]");
		}
		Object early = this.readAhead.remove(index);
		if (early != null) {
			return early;
		}
		if (index < this.next) {
			throw new IOException("the document names out-of-band block " + index + " twice");
		}
		while (this.next < index) {
			this.readAhead.put(this.next, readNext());
		}
		return readNext();
	}

	/**
	 * Passes the blocks no placeholder asked for and checks that the payload ends with the last.
	 * @throws IOException if it does not, or the stream fails
	 */
	void finish() throws IOException {
		while (this.next < this.kinds.size()) {
			skipPadding();
			this.in.skipNBytes(blockBytes(this.next));
			this.offset += blockBytes(this.next);
			this.next++;
		}
		if (this.in.read() >= 0) {
			throw new IOException("its payload goes on after its last out-of-band block, at byte " + this.offset);
		}
	}

	private Object readNext() throws IOException {
		skipPadding();
		ArrayKind kind = this.kinds.get(this.next);
		int length = this.lengths.get(this.next);
		Object array = kind.readFrom(this.in, length, this.sizeChecked ? length : kind.firstCapacity(length));
		this.offset += blockBytes(this.next);
		this.next++;
		return array;
	}

	private void skipPadding() throws IOException {
		int padding = OutOfBandBlocks.padding(this.offset);
		this.in.skipNBytes(padding);
		this.offset += padding;
	}

	private long blockBytes(int index) {
		return (long) this.lengths.get(index) * this.kinds.get(index).elementBytes();
	}

}
