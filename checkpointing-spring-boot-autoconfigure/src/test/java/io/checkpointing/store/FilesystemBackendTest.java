package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import io.checkpointing.key.CallKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class FilesystemBackendTest {

	private static final CallKey KEY = CallKey.fromHex("ab" + "0".repeat(62));

	@TempDir
	Path root;

	@Test
	void storesEachEntryUnderItsKeyInTwoLevels() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root.resolve("cache"));
		backend.write(KEY, entry("payload"));
		assertThat(this.root.resolve("cache/ab/" + "0".repeat(62) + ".ckpt")).isRegularFile();
		assertThat(backend.read(KEY)).hasValue(entry("payload"));
	}

	@Test
	void createsTheDirectoryOwnerOnlyWithAGitignore() throws Exception {
		Path directory = this.root.resolve("nested/cache");
		new FilesystemBackend(directory).write(KEY, entry("x"));
		assertThat(Files.readString(directory.resolve(".gitignore"))).contains("*");
		assertThat(Files.getPosixFilePermissions(directory)).containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ,
				PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
	}

	@Test
	void foldersAreOwnerOnlyAndFilesReadableByTheOwnerOnly() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root.resolve("cache"));
		backend.write(KEY, entry("x"));
		backend.tryLock(KEY).orElseThrow().close();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.root.resolve("cache/ab"))))
			.isEqualTo("rwx------");
		assertThat(PosixFilePermissions.toString(
				Files.getPosixFilePermissions(this.root.resolve("cache/ab/" + "0".repeat(62) + ".ckpt"))))
			.isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.root.resolve("cache/.gitignore"))))
			.isEqualTo("rw-------");
	}

	@Test
	void aDirectoryDeletedWhileInUseIsRecreatedOwnerOnlyWithItsGitignore() throws Exception {
		Path directory = this.root.resolve("cache");
		FilesystemBackend backend = new FilesystemBackend(directory);
		backend.write(KEY, entry("x"));
		FileSystemUtils.deleteRecursively(directory);
		backend.write(KEY, entry("y"));
		assertThat(backend.read(KEY)).hasValue(entry("y"));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		assertThat(directory.resolve(".gitignore")).exists();
		FileSystemUtils.deleteRecursively(directory);
		assertThat(backend.tryLock(KEY)).as("a lock recreates it too").isPresent();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
	}

	@Test
	void aKeyLockIsReentrantOnItsThreadAndHeldForOtherThreads() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		KeyLock outer = backend.tryLock(KEY).orElseThrow();
		KeyLock inner = backend.tryLock(KEY).orElseThrow();
		assertThat(lockableFromAnotherThread()).as("another engine's thread in this JVM").isFalse();
		inner.close();
		assertThat(lockableFromAnotherThread()).as("the outer lock still holds").isFalse();
		outer.close();
		assertThat(lockableFromAnotherThread()).as("released by its holder").isTrue();
	}

	/** Takes and releases the key's lock from another thread, as another engine would. */
	private boolean lockableFromAnotherThread() throws Exception {
		return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
			try {
				java.util.Optional<KeyLock> lock = new FilesystemBackend(this.root).tryLock(KEY);
				if (lock.isPresent()) {
					lock.get().close();
				}
				return lock.isPresent();
			}
			catch (java.io.IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}).get(30, java.util.concurrent.TimeUnit.SECONDS);
	}

	@Test
	void aMissingEntryIsEmpty() throws Exception {
		assertThat(new FilesystemBackend(this.root).read(KEY)).isEmpty();
	}

	@Test
	void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		backend.write(KEY, entry("old"));
		backend.write(KEY, entry("new"));
		assertThat(backend.read(KEY)).hasValue(entry("new"));
		try (Stream<Path> files = Files.walk(this.root)) {
			assertThat(files.filter((file) -> file.toString().endsWith(".tmp"))).isEmpty();
		}
	}

	@Test
	void listsEntriesWithTheirHeadersAndIgnoresForeignFiles() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		backend.write(KEY, entry("payload"));
		Files.writeString(this.root.resolve("ab/notes.ckpt"), "not an entry");
		Files.writeString(this.root.resolve("ab/" + "1".repeat(62) + ".ckpt"), "garbage");
		List<StoredEntry> entries;
		try (Stream<StoredEntry> listed = backend.list()) {
			entries = listed.toList();
		}
		int size = entry("payload").remaining();
		assertThat(entries).singleElement().satisfies((stored) -> {
			assertThat(stored.key()).isEqualTo(KEY);
			assertThat(stored.header().methodName()).isEqualTo("Demo#run");
			assertThat(stored.size()).isEqualTo(size);
		});
	}

	@Test
	void listsEntriesWhoseHeadersAreLarge() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		java.util.List<io.checkpointing.key.KeyComponent> components = java.util.stream.IntStream.range(0, 500)
			.mapToObj((i) -> new io.checkpointing.key.KeyComponent(io.checkpointing.key.KeyComponent.Kind.CODE,
					"Helper#method" + i, i))
			.toList();
		EntryHeader header = new EntryHeader("json", "Demo#run", Instant.ofEpochMilli(1), Duration.ofSeconds(2), "a=1", 0,
				components);
		backend.write(KEY, EntryFormat.encode(KEY, header, (out) -> out.write(1)));
		try (Stream<StoredEntry> listed = backend.list()) {
			assertThat(listed).singleElement()
				.satisfies((stored) -> assertThat(stored.header().components()).hasSize(500));
		}
	}

	@Test
	void deleteAndClearRemoveEntries() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		backend.write(KEY, entry("x"));
		assertThat(backend.delete(KEY)).isTrue();
		assertThat(backend.delete(KEY)).isFalse();
		backend.write(KEY, entry("x"));
		backend.clear();
		assertThat(backend.read(KEY)).isEmpty();
		assertThat(this.root.resolve(".gitignore")).exists();
	}

	@Test
	void aDirectoryThatIsAFileIsAnErrorNamingThePath() throws Exception {
		Path file = Files.writeString(this.root.resolve("file"), "");
		assertThatIOException().isThrownBy(() -> new FilesystemBackend(file).write(KEY, entry("x")))
			.withMessageContaining(file.toString());
	}

	@Test
	void deletingTheLastEntryOfAFolderRemovesTheFolderAndKeepsOthers() throws Exception {
		FilesystemBackend backend = new FilesystemBackend(this.root);
		CallKey neighbour = CallKey.fromHex("ab" + "1".repeat(62));
		backend.write(KEY, entry("x"));
		backend.write(neighbour, entry("y"));
		Path folder = this.root.resolve("ab");
		assertThat(backend.delete(KEY)).isTrue();
		assertThat(folder).as("another entry still lives there").isDirectory();
		assertThat(backend.delete(neighbour)).isTrue();
		assertThat(folder).doesNotExist();
		assertThat(this.root).isDirectory();
		backend.write(KEY, entry("x"));
		assertThat(backend.read(KEY)).isPresent();
	}

	/** An entry written for {@link #KEY}; a backend moves its bytes under any key. */
	static ByteBuffer entry(String payload) throws java.io.IOException {
		EntryHeader header = new EntryHeader("json", "Demo#run", Instant.ofEpochMilli(1), Duration.ofSeconds(2), "a=1", 0,
				java.util.List.of());
		return EntryFormat.encode(KEY, header, (out) -> out.write(payload.getBytes()));
	}

}
