package io.checkpointing.store;

import java.nio.ByteBuffer;
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
