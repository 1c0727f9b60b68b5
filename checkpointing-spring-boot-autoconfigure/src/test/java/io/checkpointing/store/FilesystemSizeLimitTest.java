package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class FilesystemSizeLimitTest {

	@TempDir
	Path directory;

	private final ByteBuffer entry = entry();

	private final long entryBytes = this.entry.remaining();

	@Test
	void beyondTheLimitTheLeastRecentlyUsedEntriesAreDeleted() throws Exception {
		FilesystemBackend earlier = new FilesystemBackend(this.directory, Long.MAX_VALUE, (task) -> {
		});
		Instant now = Instant.now();
		for (int i = 0; i < 10; i++) {
			earlier.write(key(i), this.entry);
			// Written an hour apart, key 0 first: the order a later process sees.
			Files.setLastModifiedTime(file(i), FileTime.from(now.minus(Duration.ofHours(10 - i))));
		}
		FilesystemBackend backend = new FilesystemBackend(this.directory, this.entryBytes * 21 / 2, Runnable::run);
		assertThat(backend.read(key(0))).as("within the limit: nothing evicted yet").isPresent();
		assertThat(Files.getLastModifiedTime(file(0)).toInstant()).as("a hit is recorded in the file for other processes")
			.isAfter(now.minusSeconds(60));
		backend.write(key(10), this.entry);
		// 11 entries for a limit of 10.5 go down to 90% of it: 9 entries stay.
		List<Integer> stored = stored(11);
		assertThat(stored).containsExactly(0, 3, 4, 5, 6, 7, 8, 9, 10);
	}

	@Test
	void anEntryLargerThanTheLimitIsRefusedWithAMessageThatSaysSo() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory, this.entryBytes - 1, Runnable::run);
		assertThatIOException().isThrownBy(() -> backend.write(key(0), this.entry))
			.withMessageContaining("larger than the size limit of " + this.directory.toAbsolutePath())
			.withMessageContaining("checkpointing.filesystem.max-size")
			// Outside the directory's name, whose random digits may contain the size.
			.satisfies((ex) -> assertThat(ex.getMessage().replace(this.directory.toAbsolutePath().toString(), "<directory>"))
				.doesNotContain(String.valueOf(this.entryBytes)));
		assertThat(backend.read(key(0))).isEmpty();
	}

	@Test
	void hitsAndWritesDoNotWaitForEviction() throws Exception {
		List<Runnable> pending = new ArrayList<>();
		FilesystemBackend backend = new FilesystemBackend(this.directory, this.entryBytes * 3, pending::add);
		for (int i = 0; i < 6; i++) {
			backend.write(key(i), this.entry);
			assertThat(backend.read(key(i))).isPresent();
		}
		assertThat(stored(6)).as("eviction has not run: the store is over its limit").hasSize(6);
		for (int i = 0; i < pending.size(); i++) {
			pending.get(i).run();
		}
		assertThat(stored(6)).as("after the background work ran").hasSizeLessThanOrEqualTo(2);
	}

	@Test
	void aSweepEvictsUntilTheStoreIsBelowNinetyPercentOfTheLimit() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory, this.entryBytes, (task) -> {
		});
		backend.write(key(0), this.entry);
		backend.write(key(1), this.entry);
		Files.setLastModifiedTime(file(0), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
		Files.setLastModifiedTime(file(1), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		StoreSweeper.Sweep sweep = backend.sweep();
		assertThat(sweep.entries()).isEqualTo(2);
		assertThat(sweep.evicted()).isEqualTo(2);
		assertThat(stored(2)).isEmpty();
	}

	@Test
	void anEvictionLeavesNoEmptyFolderBehind() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.directory, this.entryBytes, (task) -> {
		});
		backend.write(key(0), this.entry);
		backend.write(key(1), this.entry);
		Files.setLastModifiedTime(file(0), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
		Files.setLastModifiedTime(file(1), FileTime.from(Instant.now().minus(Duration.ofDays(2))));
		assertThat(backend.sweep().evicted()).isEqualTo(2);
		assertThat(file(0).getParent()).doesNotExist();
		assertThat(file(1).getParent()).doesNotExist();
		assertThat(this.directory).isDirectory();
		backend.write(key(0), this.entry);
		assertThat(backend.read(key(0))).as("a later write creates the folder again").isPresent();
	}

	private List<Integer> stored(int count) throws Exception {
		List<Integer> stored = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (Files.exists(file(i))) {
				stored.add(i);
			}
		}
		return stored;
	}

	private Path file(int i) {
		String hex = key(i).hex();
		return this.directory.resolve(hex.substring(0, 2)).resolve(hex.substring(2) + ".ckpt");
	}

	private static CallKey key(int i) {
		return CallKey.fromHex(String.format("%02x%062x", i * 11, i));
	}

	private static ByteBuffer entry() {
		try {
			return FilesystemBackendTest.entry("x".repeat(1000));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
