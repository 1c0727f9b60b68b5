package io.checkpointing.key;

import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrimitiveArrayHashingTest {

	private final ArgumentHasher hasher = new ArgumentHasher();

	@Test
	void booleanArraysKeepTheirDigestsWhenFedInBulk() {
		// Pinned before boolean arrays were gathered into chunks: keys must not change.
		boolean[] values = new boolean[200_003];
		for (int i = 0; i < values.length; i++) {
			values[i] = (i % 3 == 0) ^ (i % 7 == 0);
		}
		assertThat(hex(this.hasher.hashValue(values)))
			.isEqualTo("187ed4f7c3f0c7244c840f9d90f58215e9375312f31f0b50414f7b4f48bd959b");
		assertThat(hex(this.hasher.hashValue(new boolean[] { true, false, true })))
			.isEqualTo("a76f63b336051040131eaabcb56c3c6f003b4716a1a57f1ec82b53890a6ab107");
	}

	@Test
	void aLargeArrayDiffersFromOneWithAnyElementChanged() {
		double[] values = new Random(3).doubles(300_000).toArray();
		byte[] digest = this.hasher.hashValue(values);
		assertThat(this.hasher.hashValue(values.clone())).isEqualTo(digest);
		for (int index : new int[] { 0, 8191, 8192, 299_999 }) {
			double[] changed = values.clone();
			changed[index] = Math.nextUp(changed[index]);
			assertThat(this.hasher.hashValue(changed)).as("element %d changed", index).isNotEqualTo(digest);
		}
	}

	private static String hex(byte[] digest) {
		return HexFormat.of().formatHex(digest);
	}

}
