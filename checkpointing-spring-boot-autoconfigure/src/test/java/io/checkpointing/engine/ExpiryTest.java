package io.checkpointing.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.store.FilesystemBackend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@ExtendWith(OutputCaptureExtension.class)
class ExpiryTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private EngineCalls calls(CheckpointEngineBuilder builder) {
		return new EngineCalls(builder.backend(new FilesystemBackend(this.directory)).build());
	}

	@Test
	void anEntryOlderThanTheMethodsTtlIsAMissAndIsReplaced() throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder());
		calls.call(this.calculator, "fleeting", 1);
		Thread.sleep(5);
		calls.call(this.calculator, "fleeting", 1);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void anEntryYoungerThanTheMethodsTtlIsAHit() throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder().timeToLive(Duration.ofMillis(1)));
		calls.call(this.calculator, "lasting", 1);
		Thread.sleep(5);
		calls.call(this.calculator, "lasting", 1);
		assertThat(this.calculator.runs).as("the method's 7d wins over the engine's 1ms").hasValue(1);
	}

	@Test
	void theEnginesTtlAppliesToMethodsThatSetNone() throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder().timeToLive(Duration.ofMillis(1)));
		calls.call(this.calculator, "twice", 1);
		Thread.sleep(5);
		calls.call(this.calculator, "twice", 1);
		assertThat(this.calculator.runs).hasValue(2);
	}

	/**
	 * Once the stored entries are deleted, a result can come from the memory tier only: the one
	 * of a 7-day method does, the expired one of a 1 ms method does not. (The two methods have
	 * the same code, so the same arguments would make the same key: they are called with others.)
	 */
	@Test
	void anExpiredResultHeldByTheMemoryTierIsAMissToo() throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder().memoryTier(MemoryTier.maxEntries(100).sharingResults()));
		calls.call(this.calculator, "lasting", 2);
		calls.call(this.calculator, "fleeting", 1);
		deleteStoredEntries();
		Thread.sleep(5);
		calls.call(this.calculator, "lasting", 2);
		assertThat(this.calculator.runs).as("the 7-day result, from the memory tier").hasValue(2);
		calls.call(this.calculator, "fleeting", 1);
		assertThat(this.calculator.runs).as("the 1 ms result, expired in the memory tier").hasValue(3);
	}

	private void deleteStoredEntries() throws IOException {
		try (Stream<Path> files = Files.walk(this.directory)) {
			for (Path entry : files.filter((file) -> file.toString().endsWith(".ckpt")).toList()) {
				Files.delete(entry);
			}
		}
	}

	@Test
	void withoutTtlEntriesNeverExpire() throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder());
		calls.call(this.calculator, "twice", 1);
		Thread.sleep(5);
		calls.call(this.calculator, "twice", 1);
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void anUnreadableTtlUnderWarnRunsTheMethodAndNamesTheValue(CapturedOutput output) throws Throwable {
		EngineCalls calls = calls(CheckpointEngine.builder());
		assertThat(calls.call(this.calculator, "badlyTimed", 2)).isEqualTo(4);
		assertThat(calls.call(this.calculator, "badlyTimed", 2)).isEqualTo(4);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).contains("Calculator#badlyTimed: @Checkpoint(ttl = \"soon\") is not a positive duration");
	}

	@Test
	void anUnreadableTtlUnderRaiseThrows() {
		EngineCalls calls = calls(CheckpointEngine.builder().onError(OnError.RAISE));
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls.call(this.calculator, "badlyTimed", 2))
			.withMessageContaining("ttl = \"soon\"");
	}

	@Test
	void theEnginesTtlMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointEngine.builder().timeToLive(Duration.ZERO))
			.withMessageContaining("timeToLive");
	}

	@Test
	void ttlsReadTheFormsSpringBootAccepts() {
		assertThat(TimeToLive.parse("500ms")).isEqualTo(Duration.ofMillis(500));
		assertThat(TimeToLive.parse("30s")).isEqualTo(Duration.ofSeconds(30));
		assertThat(TimeToLive.parse("10m")).isEqualTo(Duration.ofMinutes(10));
		assertThat(TimeToLive.parse("12h")).isEqualTo(Duration.ofHours(12));
		assertThat(TimeToLive.parse("7d")).isEqualTo(Duration.ofDays(7));
		assertThat(TimeToLive.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
		assertThatIllegalArgumentException().isThrownBy(() -> TimeToLive.parse("0s"));
		assertThatIllegalArgumentException().isThrownBy(() -> TimeToLive.parse("7 weeks"));
		assertThatIllegalArgumentException().isThrownBy(() -> TimeToLive.parse("999999999999999999d"))
			.withMessageContaining("too long");
		assertThatIllegalArgumentException().isThrownBy(() -> TimeToLive.parse("99999999999999999999d"))
			.withMessageContaining("too long");
	}

}
