package io.checkpointing.engine;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

import io.checkpointing.store.EntryFormat;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Ways bytes get damaged, as jqwik arbitraries: bit flips, truncation, inserted and deleted
 * runs, forged lengths and versions in the fixed header, another entry's header spliced in.
 * Each is a named function, so a failing try says what was done to the entry.
 */
final class EntryDamages {

	private EntryDamages() {
	}

	/** A named change to an entry's bytes. */
	record Damage(String name, UnaryOperator<byte[]> change) {

		byte[] apply(byte[] bytes) {
			return this.change.apply(bytes);
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

	/**
	 * @param donors entries whose leading bytes may be spliced in
	 * @return every kind of damage, with its parameters
	 */
	static Arbitrary<Damage> any(List<byte[]> donors) {
		return Arbitraries.oneOf(bitFlips(), truncation(), insertion(), deletion(), forgedHeaderLength(),
				forgedPayloadLength(), otherVersion(), splicedHeader(donors));
	}

	static Arbitrary<Damage> bitFlips() {
		return Arbitraries.integers().greaterOrEqual(0).list().ofMinSize(1).ofMaxSize(8).map((bits) -> new Damage(
				"flip bits " + bits, (bytes) -> {
					byte[] flipped = bytes.clone();
					if (flipped.length > 0) {
						for (int bit : bits) {
							int position = bit % (flipped.length * 8);
							flipped[position / 8] ^= (byte) (1 << (position % 8));
						}
					}
					return flipped;
				}));
	}

	static Arbitrary<Damage> truncation() {
		return Arbitraries.doubles().between(0, 1).map((fraction) -> new Damage("keep " + fraction + " of it",
				(bytes) -> Arrays.copyOf(bytes, (int) (bytes.length * fraction))));
	}

	static Arbitrary<Damage> insertion() {
		return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
			.as((where, inserted) -> new Damage("insert " + inserted.length + " bytes at " + where, (bytes) -> {
				int at = (int) (bytes.length * where);
				byte[] longer = new byte[bytes.length + inserted.length];
				System.arraycopy(bytes, 0, longer, 0, at);
				System.arraycopy(inserted, 0, longer, at, inserted.length);
				System.arraycopy(bytes, at, longer, at + inserted.length, bytes.length - at);
				return longer;
			}));
	}

	static Arbitrary<Damage> deletion() {
		return Combinators.combine(Arbitraries.doubles().between(0, 1), Arbitraries.integers().between(1, 64))
			.as((where, count) -> new Damage("delete " + count + " bytes at " + where, (bytes) -> {
				int at = (int) (bytes.length * where);
				int end = Math.min(bytes.length, at + count);
				byte[] shorter = new byte[bytes.length - (end - at)];
				System.arraycopy(bytes, 0, shorter, 0, at);
				System.arraycopy(bytes, end, shorter, at, bytes.length - end);
				return shorter;
			}));
	}

	static Arbitrary<Damage> forgedHeaderLength() {
		return Arbitraries.integers().map((length) -> new Damage("header length " + length, (bytes) -> put(bytes, 8,
				(buffer) -> buffer.putInt(8, length))));
	}

	static Arbitrary<Damage> forgedPayloadLength() {
		return Arbitraries.longs().map((length) -> new Damage("payload length " + length, (bytes) -> put(bytes, 12,
				(buffer) -> buffer.putLong(12, length))));
	}

	static Arbitrary<Damage> otherVersion() {
		return Arbitraries.integers().between(0, 0xFFFF).filter((version) -> version != EntryFormat.VERSION)
			.map((version) -> new Damage("format version " + version, (bytes) -> put(bytes, 4,
					(buffer) -> buffer.putShort(4, (short) (int) version))));
	}

	static Arbitrary<Damage> splicedHeader(List<byte[]> donors) {
		return Combinators.combine(Arbitraries.integers().between(0, donors.size() - 1), Arbitraries.integers().between(1, 200))
			.as((donor, length) -> new Damage("first " + length + " bytes of entry " + donor, (bytes) -> {
				byte[] spliced = bytes.clone();
				byte[] from = donors.get(donor);
				System.arraycopy(from, 0, spliced, 0, Math.min(length, Math.min(from.length, spliced.length)));
				return spliced;
			}));
	}

	private static byte[] put(byte[] bytes, int offset, java.util.function.Consumer<ByteBuffer> write) {
		byte[] forged = bytes.clone();
		if (forged.length >= offset + 8) {
			write.accept(ByteBuffer.wrap(forged));
		}
		return forged;
	}

}
