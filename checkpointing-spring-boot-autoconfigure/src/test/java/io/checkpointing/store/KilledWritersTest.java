package io.checkpointing.store;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;

import io.checkpointing.processes.ChildProcess;
import io.checkpointing.reliability.StoreWriterProgram;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.helpers.NOP_FallbackServiceProvider;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Kills JVMs that rewrite large entries with SIGKILL at random moments, 100 times (two writers of
 * the same keys at a time), and reads every key after each pair of kills, while the next pair starts: an entry is the one the writer wrote for that key, whole, or there is
 * none. The temporary files the killed writers left are never read, and the next backend to use
 * the directory removes them. The moments of the kills come from a random seed, printed with the
 * result and on failure; {@code -Dcheckpointing.killed-writers.seed=<seed>} replays them.
 */
@Tag("process")
class KilledWritersTest {

	/** Sets the seed of the moments the writers are killed at, to replay a failed run. */
	private static final String SEED_PROPERTY = "checkpointing.killed-writers.seed";

	private static final int KILLS = 100;

	private static final int KEYS = 4;

	private static final int PAYLOAD_BYTES = 2_000_000;

	@TempDir
	Path directory;

	@Test
	void everyKeyReadsAsTheWritersWholeEntryOrAsMissingAfterEachKill() throws Exception {
		long seed = Long.getLong(SEED_PROPERTY, System.nanoTime());
		try {
			killAndRead(new Random(seed), seed);
		}
		catch (Exception | AssertionError ex) {
			throw new AssertionError("Failed with seed " + seed + " (the moments of the kills); replay with -D"
					+ SEED_PROPERTY + "=" + seed, ex);
		}
	}

	private void killAndRead(Random random, long seed) throws Exception {
		int hits = 0;
		int misses = 0;
		int killsThatLeftATemporaryFile = 0;
		// Its sweeps never run: the temporary files stay for the reads after each kill.
		FilesystemBackend reader = new FilesystemBackend(this.directory, Long.MAX_VALUE, (task) -> {
		});
		List<ChildProcess> next = List.of(writer(), writer());
		for (int round = 0; round < KILLS / 2; round++) {
			List<ChildProcess> writers = next;
			next = List.of();
			try {
				for (ChildProcess writer : writers) {
					writer.awaitLine("writing");
				}
				for (ChildProcess writer : writers) {
					long before = temporaryFiles();
					Thread.sleep(random.nextInt(30));
					writer.kill();
					if (temporaryFiles() > before) {
						killsThatLeftATemporaryFile++;
					}
				}
				// The next writers start while this round's entries are read: reads must be whole at any time.
				next = (round + 1 < KILLS / 2) ? List.of(writer(), writer()) : List.of();
			}
			catch (RuntimeException | Error ex) {
				for (ChildProcess writer : next) {
					writer.close();
				}
				throw ex;
			}
			finally {
				for (ChildProcess writer : writers) {
					writer.close();
				}
			}
			for (int key = 0; key < KEYS; key++) {
				Optional<ByteBuffer> entry = reader.read(StoreWriterProgram.key(key));
				if (entry.isPresent()) {
					StoreWriterProgram.verify(key, entry.get());
					hits++;
				}
				else {
					misses++;
				}
			}
		}
		System.out.printf("%d kills (seed %d): %d left a temporary file; reads: %d whole entries, %d missing%n", KILLS,
				seed, killsThatLeftATemporaryFile, hits, misses);
		assertThat(killsThatLeftATemporaryFile).as("kills that landed in the middle of a write").isPositive();
		assertThat(hits).isPositive();

		FilesystemBackend afterwards = new FilesystemBackend(this.directory, Long.MAX_VALUE, Runnable::run);
		afterwards.read(StoreWriterProgram.key(0));
		assertThat(temporaryFiles()).as("temporary files after the next backend's first use").isZero();
		for (int key = 0; key < KEYS; key++) {
			Optional<ByteBuffer> entry = afterwards.read(StoreWriterProgram.key(key));
			if (entry.isPresent()) {
				StoreWriterProgram.verify(key, entry.get());
			}
		}
	}

	/**
	 * A writer that logs nothing: starting Logback (found on the test class path) took a third of
	 * each writer's CPU time, a hundred times over, and the writer has nothing to say. Its young
	 * generation holds the entries it encodes up front (8 of 2 MB), which the serial collector's
	 * default of a third of the heap copied out again: 0.58 s of CPU per writer instead of 0.68 s.
	 */
	private ChildProcess writer() throws java.io.IOException {
		return ChildProcess.jvm(StoreWriterProgram.class.getName())
			.options("-Xmx256m", "-Xmn128m", "-Dslf4j.provider=" + NOP_FallbackServiceProvider.class.getName())
			.arguments(this.directory.toString(), String.valueOf(KEYS), String.valueOf(PAYLOAD_BYTES))
			.start();
	}

	/** Counts by name only: live writers create and remove temporary files while we look. */
	private long temporaryFiles() throws Exception {
		long count = 0;
		try (Stream<Path> folders = Files.list(this.directory)) {
			for (Path folder : folders.filter(Files::isDirectory).toList()) {
				try (Stream<Path> files = Files.list(folder)) {
					count += files.filter((file) -> file.toString().endsWith(FilesystemBackend.TEMP_SUFFIX)).count();
				}
			}
		}
		return count;
	}

}
