package io.checkpointing.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
class CheckpointEngineTest {

	@TempDir
	Path directory;

	private final Calculator calculator = new Calculator();

	private EngineCalls calls(OnError onError) {
		return new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(onError)
			.build());
	}

	private EngineCalls calls() {
		return calls(OnError.WARN);
	}

	@Test
	void sameArgumentsRunTheMethodOnce() throws Throwable {
		EngineCalls calls = calls();
		assertThat(calls.call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(calls.call(this.calculator, "twice", 21)).isEqualTo(42);
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void differentArgumentsRunTheMethodAgain() throws Throwable {
		EngineCalls calls = calls();
		calls.call(this.calculator, "twice", 1);
		assertThat(calls.call(this.calculator, "twice", 2)).isEqualTo(4);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void resultsOutliveTheEngineThatStoredThem() throws Throwable {
		calls().call(this.calculator, "twice", 5);
		assertThat(calls().call(this.calculator, "twice", 5)).isEqualTo(10);
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void rerunRunsTheMethodAndReplacesTheStoredResult() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "twice", 3);
		Object rerun = engine.rerun(() -> uncheckedCall(calls, "twice", 3));
		assertThat(rerun).isEqualTo(6);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(calls.call(this.calculator, "twice", 3)).isEqualTo(6);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void rerunDoesNotRerunTheCheckpointedMethodsThatTheRerunMethodCalls() throws Throwable {
		CheckpointEngine engine = CheckpointEngine.builder().backend(new FilesystemBackend(this.directory)).build();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.calculator, "outer", 4, calls);
		assertThat(this.calculator.runs).hasValue(2);
		engine.rerun(() -> uncheckedCall(calls, "outer", 4, calls));
		assertThat(this.calculator.runs).as("outer ran again, twice(4) hit").hasValue(3);
	}

	@Test
	void anExceptionOfTheMethodReachesTheCallerUnchangedAndIsNotStored() throws Throwable {
		EngineCalls calls = calls();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> calls.call(this.calculator, "failing", 1))
			.withMessage("boom 1");
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> calls.call(this.calculator, "failing", 1));
		assertThat(this.calculator.runs).hasValue(2);
		// The key's lock prepared the directory; no entry was stored in it.
		try (java.util.stream.Stream<java.nio.file.Path> files = Files.walk(this.directory)) {
			assertThat(files.filter((file) -> !Files.isDirectory(file))
				.map((file) -> file.getFileName().toString())).containsOnly(".gitignore");
		}
	}

	@Test
	void nullIsAStoredResult() throws Throwable {
		EngineCalls calls = calls();
		assertThat(calls.call(this.calculator, "nothing", 1)).isNull();
		assertThat(calls.call(this.calculator, "nothing", 1)).isNull();
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void ignoredParametersAreLeftOutOfTheKey() throws Throwable {
		EngineCalls calls = calls();
		calls.call(this.calculator, "describe", "ada", new Object());
		assertThat(calls.call(this.calculator, "describe", "ada", new Object())).isEqualTo("hello ada");
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void optionalResultsStoreTheirContent() throws Throwable {
		EngineCalls calls = calls();
		calls.call(this.calculator, "maybe", true);
		calls.call(this.calculator, "maybe", false);
		assertThat(calls().call(this.calculator, "maybe", true)).isEqualTo(Optional.of("here"));
		assertThat(calls().call(this.calculator, "maybe", false)).isEqualTo(Optional.empty());
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void futuresStoreTheValueTheyCompleteWith() throws Throwable {
		EngineCalls calls = calls();
		((CompletableFuture<?>) calls.call(this.calculator, "later", 3)).get(10, TimeUnit.SECONDS);
		awaitEntries(1);
		Object stored = calls().call(this.calculator, "later", 3);
		assertThat(((CompletableFuture<?>) stored).get()).isEqualTo(List.of(0, 1, 2));
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void aFailedFutureStoresNothing() throws Throwable {
		EngineCalls calls = calls();
		CompletableFuture<?> first = (CompletableFuture<?>) calls.call(this.calculator, "laterFailing", 1);
		assertThat(first).isCompletedExceptionally();
		calls.call(this.calculator, "laterFailing", 1);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void threadsRacingOnOneKeyRunTheMethodOnce() throws Exception {
		EngineCalls calls = calls();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<Object>> results = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				results.add(threads.submit(() -> uncheckedCall(calls, "slow", 7)));
			}
			for (Future<Object> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isEqualTo(7);
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.calculator.runs).hasValue(1);
	}

	@Test
	void aThreadCallingTheKeyItIsComputingComputesItInsteadOfWaitingForItself() throws Exception {
		EngineCalls calls = calls();
		ExecutorService thread = Executors.newSingleThreadExecutor();
		try {
			Future<Object> result = thread.submit(() -> uncheckedCall(calls, "reenter", 1, 2, calls));
			assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(2);
		}
		finally {
			thread.shutdownNow();
		}
		assertThat(this.calculator.runs).hasValue(3);
	}

	@Test
	void aKeyBeingComputedDoesNotHoldUpOtherKeys() throws Throwable {
		EngineCalls calls = calls();
		CountDownLatch never = new CountDownLatch(1);
		ExecutorService threads = Executors.newSingleThreadExecutor();
		try {
			Future<Object> blocked = threads.submit(() -> uncheckedCall(calls, "gate", 1, never));
			assertThat(calls.call(this.calculator, "gate", 2, new CountDownLatch(0))).isEqualTo(2);
			assertThat(blocked).isNotDone();
			never.countDown();
			assertThat(blocked.get(10, TimeUnit.SECONDS)).isEqualTo(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void theVersionIsPartOfTheKey() throws Throwable {
		EngineCalls calls = calls();
		calls.call(this.calculator, "versionOne", 1);
		calls.call(this.calculator, "versionTwo", 1);
		assertThat(this.calculator.runs).as("same code, different versions: two keys").hasValue(2);
		calls.call(this.calculator, "versionTwo", 1);
		assertThat(this.calculator.runs).hasValue(2);
	}

	@Test
	void aDisabledEngineRunsEveryCall() throws Throwable {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.enabled(false)
			.build());
		calls.call(this.calculator, "twice", 1);
		calls.call(this.calculator, "twice", 1);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(this.directory).isEmptyDirectory();
	}

	@Test
	void unhashableArgumentUnderWarnRunsPlainlyAndLogsOnce(CapturedOutput output) throws Throwable {
		EngineCalls calls = calls(OnError.WARN);
		assertThat(calls.call(this.calculator, "sum", Stream.of(1, 2))).isEqualTo(3);
		assertThat(calls.call(this.calculator, "sum", Stream.of(1, 2))).isEqualTo(3);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).contains("argument 0 'numbers'", "@Checkpoint.Ignore", "Calculator#sum");
		assertThat(output.toString().split("argument 0 'numbers'", -1)).hasSize(2);
	}

	@Test
	void unhashableArgumentUnderRaiseThrowsNamingTheParameter() {
		EngineCalls calls = calls(OnError.RAISE);
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls.call(this.calculator, "sum", Stream.of(1, 2)))
			.withMessageContaining("argument 0 'numbers' of type java.util.stream")
			.withMessageContaining("@Checkpoint.Ignore");
		assertThat(this.calculator.runs).hasValue(0);
	}

	@Test
	void unhashableArgumentUnderIgnoreRunsPlainlyAndSaysNothing(CapturedOutput output) throws Throwable {
		EngineCalls calls = calls(OnError.IGNORE);
		assertThat(calls.call(this.calculator, "sum", Stream.of(1, 2))).isEqualTo(3);
		assertThat(output).doesNotContain("numbers");
	}

	@Test
	void unserializableResultUnderWarnIsReturnedAndLogged(CapturedOutput output) throws Throwable {
		EngineCalls calls = calls(OnError.WARN);
		assertThat(calls.call(this.calculator, "unserializable", 1)).isInstanceOf(Thread.class);
		assertThat(output).contains("Cannot store the result of Calculator#unserializable", "java.lang.Thread");
	}

	@Test
	void aResultTypeThatCannotBeReadBackIsReportedOnceAndLaterCallsNoLongerPayForTheStore(CapturedOutput output)
			throws Throwable {
		Map<String, Integer> events = new ConcurrentHashMap<>();
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.listener(new CheckpointListener() {

				@Override
				public void error(String method, Exception failure) {
					events.merge("error", 1, Integer::sum);
				}

				@Override
				public void bypassed(String method) {
					events.merge("bypassed", 1, Integer::sum);
				}

				@Override
				public void miss(String method) {
					events.merge("miss", 1, Integer::sum);
				}

			})
			.build());
		for (int value = 1; value <= 3; value++) {
			assertThat(((Calculator.Shape) calls.call(this.calculator, "unreadable", value)).side()).isEqualTo(value);
		}
		assertThat(this.calculator.runs).hasValue(3);
		assertThat(events).containsEntry("miss", 1).containsEntry("error", 1).containsEntry("bypassed", 2);
		assertThat(output.toString().split("No result of this type can be stored", -1)).hasSize(2);
		assertThat(output).contains("Cannot store the result of Calculator#unreadable", "cannot read it back",
				"runs without checkpointing: no key, no lookup, no store");
		try (var files = java.nio.file.Files.walk(this.directory)) {
			assertThat(files.filter((file) -> java.nio.file.Files.isRegularFile(file) && !file.endsWith(".gitignore")))
				.as("entries stored").isEmpty();
		}
	}

	@Test
	void unserializableResultUnderRaiseThrows() {
		EngineCalls calls = calls(OnError.RAISE);
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls.call(this.calculator, "unserializable", 1))
			.withMessageContaining("Cannot store the result of Calculator#unserializable (type java.lang.Thread");
	}

	@Test
	void unserializableResultUnderIgnoreIsReturnedSilently(CapturedOutput output) throws Throwable {
		EngineCalls calls = calls(OnError.IGNORE);
		assertThat(calls.call(this.calculator, "unserializable", 1)).isInstanceOf(Thread.class);
		assertThat(output).doesNotContain("Cannot store");
	}

	@Test
	void unwritableDirectoryUnderWarnRunsPlainlyAndNamesThePath(CapturedOutput output) throws Throwable {
		Path file = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder().backend(new FilesystemBackend(file)).build());
		assertThat(calls.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(calls.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).contains(file.toString(), "is a file, not a directory");
	}

	@Test
	void unwritableDirectoryUnderRaiseThrowsNamingThePath() throws Exception {
		Path file = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(file)).onError(OnError.RAISE).build());
		assertThatExceptionOfType(CheckpointException.class).isThrownBy(() -> calls.call(this.calculator, "twice", 1))
			.withMessageContaining(file.toString());
	}

	@Test
	void unwritableDirectoryUnderIgnoreRunsPlainly(CapturedOutput output) throws Throwable {
		Path file = Files.writeString(this.directory.resolve("not-a-directory"), "x");
		EngineCalls calls = new EngineCalls(
				CheckpointEngine.builder().backend(new FilesystemBackend(file)).onError(OnError.IGNORE).build());
		assertThat(calls.call(this.calculator, "twice", 1)).isEqualTo(2);
		assertThat(output).doesNotContain("not a directory");
	}

	@Test
	void damagedEntryUnderWarnIsDeletedRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		calls().call(this.calculator, "twice", 8);
		Path entry = damageTheOnlyEntry();
		assertThat(calls(OnError.WARN).call(this.calculator, "twice", 8)).isEqualTo(16);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).contains("unusable and was deleted", "checksum");
		assertThat(calls().call(this.calculator, "twice", 8)).isEqualTo(16);
		assertThat(this.calculator.runs).as("the rewritten entry hits").hasValue(2);
		assertThat(entry).exists();
	}

	@Test
	void damagedEntryUnderRaiseThrowsAndIsDeleted() throws Throwable {
		calls().call(this.calculator, "twice", 8);
		Path entry = damageTheOnlyEntry();
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls(OnError.RAISE).call(this.calculator, "twice", 8))
			.withMessageContaining("unusable");
		assertThat(entry).doesNotExist();
	}

	@Test
	void damagedEntryUnderIgnoreIsRecomputedSilently(CapturedOutput output) throws Throwable {
		calls().call(this.calculator, "twice", 8);
		damageTheOnlyEntry();
		assertThat(calls(OnError.IGNORE).call(this.calculator, "twice", 8)).isEqualTo(16);
		assertThat(this.calculator.runs).hasValue(2);
		assertThat(output).doesNotContain("unusable");
	}

	@Test
	void perMethodPolicyOverridesTheDefault() {
		EngineCalls calls = new EngineCalls(CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.onError(OnError.IGNORE)
			.build());
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> calls.call(this.calculator, "strictSum", Stream.of(1)));
	}

	@Test
	void anUnknownSerializerIsAnErrorThatListsTheKnownOnes(CapturedOutput output) throws Throwable {
		assertThat(calls().call(this.calculator, "unknownSerializer", 1)).isEqualTo(1);
		assertThat(output).contains("no serializer has the id 'nope'", "[json]");
	}

	@Test
	void theBuilderNamesWhatIsWrong() {
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointEngine.builder().onError(OnError.INHERIT))
			.withMessageContaining("onError");
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointEngine.builder().defaultSerializer("xml").build())
			.withMessageContaining("defaultSerializer 'xml'");
	}

	private Path damageTheOnlyEntry() throws Exception {
		Path entry;
		try (Stream<Path> files = Files.walk(this.directory)) {
			entry = files.filter((file) -> file.toString().endsWith(".ckpt")).findFirst().orElseThrow();
		}
		byte[] bytes = Files.readAllBytes(entry);
		bytes[bytes.length - 1] ^= 0x01;
		Files.write(entry, bytes);
		return entry;
	}

	private void awaitEntries(int count) throws Exception {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (System.nanoTime() < deadline) {
			try (Stream<Path> files = Files.walk(this.directory)) {
				if (files.filter((file) -> file.toString().endsWith(".ckpt")).count() >= count) {
					return;
				}
			}
			Thread.sleep(10);
		}
		throw new AssertionError("No entry was stored within 10 s");
	}

	private Object uncheckedCall(EngineCalls calls, String method, Object... arguments) {
		try {
			return calls.call(this.calculator, method, arguments);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

}
