package io.checkpointing.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

import io.checkpointing.key.CallKey;
import io.checkpointing.store.CacheBackend;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.EntryHeader;
import io.checkpointing.store.EntrySigner;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.StoredEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SignedEntriesTest {

	private static final EntrySigner OURS = new EntrySigner("our shared secret, 32 bytes long".getBytes(StandardCharsets.UTF_8));

	private static final EntrySigner THEIRS = new EntrySigner("somebody else's secret key......".getBytes(StandardCharsets.UTF_8));

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private CheckpointEngine engine(EntrySigner signer) {
		return CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).signer(signer).build();
	}

	@Test
	void anEntrySignedWithTheKeyIsAHit() throws Throwable {
		new EngineCalls(engine(OURS)).call(this.calculator, "twice", 21);
		assertThat(new EngineCalls(engine(OURS)).call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void anEntrySignedWithAnotherKeyIsRefusedCountedAndTheMethodRuns(CapturedOutput output) throws Throwable {
		new EngineCalls(engine(THEIRS)).call(this.calculator, "twice", 21);
		CheckpointEngine engine = engine(OURS);
		assertThat(new EngineCalls(engine).call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(engine.statistics().of("Calculator#twice").errors()).isEqualTo(1);
		assertThat(output).contains("its signature is not that of checkpointing.signing.key");
	}

	@Test
	void anUnsignedEntryIsRefusedWhenEntriesMustBeSigned(CapturedOutput output) throws Throwable {
		new EngineCalls(CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build())
			.call(this.calculator, "twice", 21);
		new EngineCalls(engine(OURS)).call(this.calculator, "twice", 21);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).contains("it is not signed, and checkpointing.signing.key requires every entry to be");
	}

	@Test
	void aForgedEntryIsNeverReturned() throws Throwable {
		CheckpointEngine engine = engine(OURS);
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 21);
		// Someone who can write the store but does not know the key replaces the value.
		CacheBackend store = engine.administration().backend();
		StoredEntry stored = engine.administration().entries().get(0);
		EntryHeader header = new EntryHeader("json", stored.header().methodName(), Instant.now(), Duration.ZERO, "",
				0, stored.header().components());
		store.write(stored.key(), EntryFormat.encode(stored.key(), header, (out) -> out.write("666".getBytes(StandardCharsets.UTF_8))));
		assertThat(calls.call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void aSignedEntryCopiedOverAnotherKeysEntryIsRefused(CapturedOutput output) throws Throwable {
		CheckpointEngine engine = engine(OURS);
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 21);
		StoredEntry one = engine.administration().entries().get(0);
		calls.call(this.calculator, "twice", 22);
		StoredEntry two = engine.administration().entries().stream().filter((entry) -> !entry.key().equals(one.key())).findFirst().orElseThrow();
		// Someone who can write the store but does not know the key feeds one call another's result.
		engine.administration().backend().write(two.key(), engine.administration().backend().read(one.key()).orElseThrow());
		CheckpointEngine later = engine(OURS);
		assertThat(new EngineCalls(later).call(this.calculator, "twice", 22)).isEqualTo(44);
		assertThat(this.calculator.runs).hasValue(3);
		assertThat(later.statistics().of("Calculator#twice").errors()).isEqualTo(1);
		assertThat(output).contains("it was written for another key");
	}

	@Test
	void aSignedEntryWhoseRecordedKeyIsRewrittenIsRefused(CapturedOutput output) throws Throwable {
		CheckpointEngine engine = engine(OURS);
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 21);
		StoredEntry one = engine.administration().entries().get(0);
		calls.call(this.calculator, "twice", 22);
		CallKey two = engine.administration().entries().stream().map(StoredEntry::key).filter((key) -> !key.equals(one.key())).findFirst().orElseThrow();
		// A forger who also rewrites the key the entry records, and its checksum: only the signature stops it.
		byte[] moved = PlantedEntries.bytes(engine.administration().backend().read(one.key()).orElseThrow());
		System.arraycopy(HexFormat.of().parseHex(two.hex()), 0, moved, 12, 32);
		engine.administration().backend().write(two, ByteBuffer.wrap(PlantedEntries.withValidChecksum(moved)));
		CheckpointEngine later = engine(OURS);
		assertThat(new EngineCalls(later).call(this.calculator, "twice", 22)).isEqualTo(44);
		assertThat(this.calculator.runs).hasValue(3);
		assertThat(later.statistics().of("Calculator#twice").errors()).isEqualTo(1);
		assertThat(output).contains("its signature is not that of checkpointing.signing.key");
	}

	@Test
	void signedEntriesAreReadByAnApplicationWithoutAKey() throws Throwable {
		new EngineCalls(engine(OURS)).call(this.calculator, "twice", 21);
		new EngineCalls(CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build())
			.call(this.calculator, "twice", 21);
		assertThat(this.calculator.runs).hasValue(1);
	}

}
