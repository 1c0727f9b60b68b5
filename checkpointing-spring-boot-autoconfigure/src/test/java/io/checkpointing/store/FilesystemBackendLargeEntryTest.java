package io.checkpointing.store;

import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class FilesystemBackendLargeEntryTest {

	private static final CallKey KEY = CallKey.fromHex("cd" + "1".repeat(62));

	@TempDir
	Path directory;

	@Test
	void aLargeEntryIsReadInPlaceWithAllItsBytes() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory);
		byte[] content = randomBytes(1, (int) EntryFiles.MAP_AT_BYTES + 17);
		backend.write(KEY, ByteBuffer.wrap(content));
		ByteBuffer read = backend.read(KEY).orElseThrow();
		assertThat(read.isDirect()).isTrue();
		assertThat(read).isEqualTo(ByteBuffer.wrap(content));
	}

	@Test
	void aReaderKeepsTheEntryItReadWhenTheEntryIsReplaced() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory);
		byte[] first = randomBytes(2, (int) EntryFiles.MAP_AT_BYTES * 2);
		byte[] second = randomBytes(3, (int) EntryFiles.MAP_AT_BYTES * 3);
		backend.write(KEY, ByteBuffer.wrap(first));
		ByteBuffer held = backend.read(KEY).orElseThrow();
		backend.write(KEY, ByteBuffer.wrap(second));
		assertThat(held).isEqualTo(ByteBuffer.wrap(first));
		assertThat(backend.read(KEY).orElseThrow()).isEqualTo(ByteBuffer.wrap(second));
		assertThat(backend.delete(KEY)).isTrue();
		assertThat(held).isEqualTo(ByteBuffer.wrap(first));
	}

	@Test
	void anEntryWrittenInAlignedPiecesHasEveryByteInOrder() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory);
		// Odd sizes, so that loans, staged writes and large writes straddle the 2 MB boundaries.
		byte[] head = randomBytes(5, 1001);
		byte[] lentPart = randomBytes(6, 5 * FileEntryOutput.ALIGNED_WRITE_BYTES + 333);
		byte[] written = randomBytes(7, 3 * FileEntryOutput.ALIGNED_WRITE_BYTES / 2 + 7);
		backend.writeStream(KEY, (out) -> {
			out.write(head);
			((ReservableOutput) out).reserve((long) lentPart.length + written.length + 1);
			LendingOutput lending = (LendingOutput) out;
			for (int from = 0; from < lentPart.length; from += LendingOutput.MAX_LENT_BYTES - 3) {
				int count = Math.min(LendingOutput.MAX_LENT_BYTES - 3, lentPart.length - from);
				lending.lend(count).duplicate().put(lentPart, from, count);
				lending.written(count);
				out.write(lentPart[from]);
			}
			out.flush();
			out.write(written);
		});
		ByteBuffer expected = ByteBuffer.allocate(head.length + lentPart.length + written.length
				+ (lentPart.length + LendingOutput.MAX_LENT_BYTES - 4) / (LendingOutput.MAX_LENT_BYTES - 3));
		expected.put(head);
		for (int from = 0; from < lentPart.length; from += LendingOutput.MAX_LENT_BYTES - 3) {
			expected.put(lentPart, from, Math.min(LendingOutput.MAX_LENT_BYTES - 3, lentPart.length - from));
			expected.put(lentPart[from]);
		}
		expected.put(written).flip();
		assertThat(backend.read(KEY).orElseThrow()).isEqualTo(expected);
	}

	@Test
	void anEntryTooLargeToMapIsStreamedTellingItsSize() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory);
		backend.write(KEY, ByteBuffer.wrap(randomBytes(5, 1000)));
		Path entry;
		try (var files = Files.walk(this.directory)) {
			entry = files.filter((file) -> file.toString().endsWith(".ckpt")).findFirst().orElseThrow();
		}
		long pastOneBuffer = 3L * 1024 * 1024 * 1024;
		try (RandomAccessFile sparse = new RandomAccessFile(entry.toFile(), "rw")) {
			sparse.setLength(pastOneBuffer); // a hole: no disk space is used
		}
		try (InputStream stream = backend.readStream(KEY).orElseThrow()) {
			// a reader checks the lengths a payload claims against it, and sizes arrays once
			assertThat(stream).isInstanceOf(SizedEntryStream.class);
			assertThat(((SizedEntryStream) stream).entrySize()).isEqualTo(pastOneBuffer);
		}
	}

	@Test
	void aSmallEntryIsReadIntoTheHeap() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory);
		byte[] content = randomBytes(4, 1000);
		backend.write(KEY, ByteBuffer.wrap(content));
		ByteBuffer read = backend.read(KEY).orElseThrow();
		assertThat(read.hasArray()).isTrue();
		assertThat(read).isEqualTo(ByteBuffer.wrap(content));
	}

	private static byte[] randomBytes(long seed, int length) {
		byte[] bytes = new byte[length];
		new Random(seed).nextBytes(bytes);
		return bytes;
	}

}
