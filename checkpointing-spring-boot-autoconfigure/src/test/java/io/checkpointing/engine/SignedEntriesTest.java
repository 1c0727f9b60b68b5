package io.checkpointing.engine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

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
		store.write(stored.key(), EntryFormat.encode(header, (out) -> out.write("666".getBytes(StandardCharsets.UTF_8))));
		assertThat(calls.call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void signedEntriesAreReadByAnApplicationWithoutAKey() throws Throwable {
		new EngineCalls(engine(OURS)).call(this.calculator, "twice", 21);
		new EngineCalls(CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build())
			.call(this.calculator, "twice", 21);
		assertThat(this.calculator.runs).hasValue(1);
	}

}
