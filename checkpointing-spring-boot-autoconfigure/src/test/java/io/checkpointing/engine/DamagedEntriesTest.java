package io.checkpointing.engine;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.checkpointing.CheckpointException;
import io.checkpointing.OnError;
import io.checkpointing.engine.CallStatistics.MethodStatistics;
import io.checkpointing.key.CallKey;
import io.checkpointing.serial.JacksonSerializer;
import io.checkpointing.serial.JavaSerializer;
import io.checkpointing.spring.metrics.CheckpointingMeters;
import io.checkpointing.spring.metrics.MicrometerCheckpointListener;
import io.checkpointing.store.EntryFormat;
import io.checkpointing.store.FilesystemBackend;
import io.checkpointing.store.StoredEntry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every way an entry can be unusable is a miss: the method runs again, its result replaces the
 * entry, the failure is counted as an error and logged once per method and kind of damage.
 */
@ExtendWith(OutputCaptureExtension.class)
class DamagedEntriesTest {

	private static final String POINT = "Results#point";

	@TempDir
	Path directory;

	private final Results results = new Results();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private CheckpointEngine engine(OnError onError, String serializer) {
		return CheckpointEngine.builder()
			.backend(new FilesystemBackend(this.directory))
			.serializer(JacksonSerializer.smile())
			.serializer(JacksonSerializer.cbor())
			.serializer(new JavaSerializer())
			.defaultSerializer(serializer)
			.onError(onError)
			.listener(new MicrometerCheckpointListener(this.registry))
			.build();
	}

	private CheckpointEngine engine() {
		return engine(OnError.WARN, "json");
	}

	@Test
	void aTruncatedEntryIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> Arrays.copyOf(entry, entry.length / 2), output,
				"it is truncated or its lengths are damaged");
	}

	@Test
	void aBitFlippedEntryIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> {
			byte[] flipped = entry.clone();
			flipped[flipped.length - 3] ^= 0x10;
			return flipped;
		}, output, "its checksum does not match its content");
	}

	@Test
	void aZeroLengthEntryIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> new byte[0], output, "it is not a checkpoint entry");
	}

	@Test
	void anEntryWithTheWrongMagicIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> {
			byte[] wrong = entry.clone();
			wrong[3] = 'X';
			return PlantedEntries.withValidChecksum(wrong);
		}, output, "it is not a checkpoint entry");
	}

	@Test
	void anEntryOfANewerFormatVersionIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> {
			byte[] newer = entry.clone();
			ByteBuffer.wrap(newer).putShort(4, (short) (EntryFormat.VERSION + 1));
			return PlantedEntries.withValidChecksum(newer);
		}, output, "it has format version " + (EntryFormat.VERSION + 1) + ", this version reads " + EntryFormat.VERSION);
	}

	@Test
	void entriesCopiedOverOtherKeysEntriesAreRecomputedRewrittenAndLoggedOnce(CapturedOutput output) throws Throwable {
		CheckpointEngine first = engine();
		Map<Integer, CallKey> keys = new LinkedHashMap<>();
		for (int i = 7; i <= 9; i++) {
			List<CallKey> before = first.administration().entries().stream().map(StoredEntry::key).toList();
			new EngineCalls(first).call(this.results, "point", i);
			keys.put(i, first.administration().entries().stream().map(StoredEntry::key).filter((key) -> !before.contains(key)).findFirst().orElseThrow());
		}
		Path seven = PlantedEntries.entryFileOf(this.directory, keys.get(7));
		for (int i = 8; i <= 9; i++) {
			Files.copy(seven, PlantedEntries.entryFileOf(this.directory, keys.get(i)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
		}
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.results, "point", 8)).isEqualTo(new Results.Point(8, -8));
		assertThat(calls.call(this.results, "point", 9)).isEqualTo(new Results.Point(9, -9));
		assertThat(this.results.runs).as("both ran again").hasValue(5);
		for (int i = 8; i <= 9; i++) {
			Path entry = PlantedEntries.entryFileOf(this.directory, keys.get(i));
			assertThat(EntryFormat.decode(ByteBuffer.wrap(Files.readAllBytes(entry)), keys.get(i)).header().methodName())
				.as("an entry of its own key replaced the copy").isEqualTo(POINT);
		}
		for (int i = 7; i <= 9; i++) {
			assertThat(calls.call(this.results, "point", i)).isEqualTo(new Results.Point(i, -i));
		}
		assertThat(this.results.runs).as("the original and the rewritten entries hit").hasValue(5);
		MethodStatistics statistics = engine.statistics().of(POINT);
		assertThat(statistics.errors()).isEqualTo(2);
		assertThat(statistics.misses()).isEqualTo(2);
		assertThat(statistics.hits()).isEqualTo(3);
		assertThat(warnings(output, "it was written for another key: it was copied or renamed in the store")).isEqualTo(1);
	}

	@ParameterizedTest
	@EnumSource(names = { "WARN", "RAISE", "IGNORE" })
	void anEntryOfTheFirstFormatIsAnOrdinaryMissUnderEveryPolicy(OnError onError, CapturedOutput output) throws Throwable {
		new EngineCalls(engine()).call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		Files.write(entry, PlantedEntries.inFirstFormat(Files.readAllBytes(entry)));
		CheckpointEngine engine = engine(onError, "json");
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(this.results.runs).as("the method ran again").hasValue(2);
		assertThat(EntryFormat.decode(ByteBuffer.wrap(Files.readAllBytes(entry)), PlantedEntries.keyOf(entry)).header()
			.methodName()).as("an entry of this format replaced it").isEqualTo(POINT);
		assertThat(calls.call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(this.results.runs).as("the rewritten entry hits").hasValue(2);
		MethodStatistics statistics = engine.statistics().of(POINT);
		assertThat(statistics.errors()).isZero();
		assertThat(statistics.misses()).isEqualTo(1);
		assertThat(statistics.hits()).isEqualTo(1);
		assertThat(output).doesNotContain("unusable");
	}

	@Test
	void aForeignFileInPlaceOfAnEntryIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> "{\"x\": 7, \"y\": -7}\n".getBytes(StandardCharsets.UTF_8), output,
				"it is not a checkpoint entry");
	}

	@Test
	void anEntryOfAnotherReturnTypeIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		for (String serializer : List.of("json", "smile", "cbor", "java")) {
			Path store = Files.createDirectories(this.directory.resolve(serializer));
			CheckpointEngine engine = CheckpointEngine.builder()
				.backend(new FilesystemBackend(store))
				.serializer(JacksonSerializer.smile())
				.serializer(JacksonSerializer.cbor())
				.serializer(new JavaSerializer())
				.defaultSerializer(serializer)
				.build();
			EngineCalls calls = new EngineCalls(engine);
			calls.call(this.results, "label", 7);
			calls.call(this.results, "point", 7);
			// As if point's return type had changed from Label to Point while its key stayed the same.
			Path pointEntry = PlantedEntries.entryFileOf(store, POINT);
			byte[] label = PlantedEntries.payloadOf(Files.readAllBytes(PlantedEntries.entryFileOf(store, "Results#label")));
			Files.write(pointEntry, PlantedEntries.envelope(PlantedEntries.keyOf(pointEntry), serializer, POINT, label));
			int runs = this.results.runs.get();
			assertThat(calls.call(this.results, "point", 7)).as(serializer).isEqualTo(new Results.Point(7, -7));
			assertThat(this.results.runs).as(serializer).hasValue(runs + 1);
			assertThat(engine.statistics().of(POINT).errors()).as(serializer).isEqualTo(1);
			assertThat(calls.call(this.results, "point", 7)).as(serializer).isEqualTo(new Results.Point(7, -7));
			assertThat(this.results.runs).as("%s: the rewritten entry hits", serializer).hasValue(runs + 1);
		}
		assertThat(output).contains("its payload does not fit " + Results.Point.class.getName() + " (serializer 'json'",
				"(serializer 'smile'", "(serializer 'cbor'",
				"its payload names a class that " + Results.Point.class.getName() + " cannot hold");
	}

	@Test
	void anEntryOfAnUnknownSerializerIsRecomputedAndRewritten(CapturedOutput output) throws Throwable {
		assertRecomputedAndRewritten((entry) -> PlantedEntries.envelope(PlantedEntries.keyOf(entry), "xml", POINT,
				PlantedEntries.payloadOf(entry)),
				output, "it was written by serializer 'xml', which this application does not have");
	}

	@Test
	void anEntryOfAnUnknownSerializerIsNotContainedForALoadWouldRefuseIt() throws Throwable {
		new EngineCalls(engine()).call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(engine.contains(() -> unchecked(calls, 7))).as("the intact entry").isTrue();
		byte[] intact = Files.readAllBytes(entry);
		Files.write(entry, PlantedEntries.envelope(PlantedEntries.keyOf(entry), "xml", POINT, PlantedEntries.payloadOf(intact)));
		assertThat(engine.contains(() -> unchecked(calls, 7))).as("an entry of serializer 'xml'").isFalse();
		assertThat(this.results.runs).as("contains runs nothing").hasValue(1);
	}

	private void unchecked(EngineCalls calls, int value) {
		try {
			calls.call(this.results, "point", value);
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Test
	void foreignFilesBesideTheEntriesAreLeftAloneAndIgnored(CapturedOutput output) throws Throwable {
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		calls.call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		List<Path> foreign = List.of(this.directory.resolve("README.txt"), this.directory.resolve("zz.ckpt"),
				entry.resolveSibling("not-a-key.ckpt"), entry.resolveSibling(entry.getFileName() + ".bak"),
				Files.createDirectories(this.directory.resolve("ab").resolve("cd")).resolve("0".repeat(60) + ".ckpt"));
		for (Path file : foreign) {
			Files.writeString(file, "not ours");
		}
		assertThat(engine.administration().entries()).singleElement().satisfies((stored) -> assertThat(stored.header().methodName()).isEqualTo(POINT));
		assertThat(calls.call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(this.results.runs).hasValue(1);
		assertThat(engine.statistics().of(POINT).errors()).isZero();
		assertThat(foreign).allMatch(Files::exists);
		assertThat(output).doesNotContain("unusable");
	}

	@Test
	void manyDamagedEntriesOfAMethodAreLoggedOncePerKindOfDamageAndEachIsCounted(CapturedOutput output) throws Throwable {
		EngineCalls calls = new EngineCalls(engine());
		for (int i = 0; i < 20; i++) {
			calls.call(this.results, "point", i);
		}
		try (var files = Files.walk(this.directory)) {
			for (Path entry : files.filter((file) -> file.toString().endsWith(".ckpt")).toList()) {
				byte[] bytes = Files.readAllBytes(entry);
				bytes[bytes.length - 1] ^= 0x01;
				Files.write(entry, bytes);
			}
		}
		CheckpointEngine engine = engine();
		calls = new EngineCalls(engine);
		for (int i = 0; i < 20; i++) {
			assertThat(calls.call(this.results, "point", i)).isEqualTo(new Results.Point(i, -i));
		}
		assertThat(warnings(output, "its checksum does not match its content")).isEqualTo(1);
		try (var files = Files.walk(this.directory)) {
			for (Path entry : files.filter((file) -> file.toString().endsWith(".ckpt")).toList()) {
				Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 30));
			}
		}
		for (int i = 0; i < 20; i++) {
			assertThat(calls.call(this.results, "point", i)).isEqualTo(new Results.Point(i, -i));
		}
		assertThat(warnings(output, "its checksum does not match its content")).isEqualTo(1);
		assertThat(warnings(output, "it is truncated or its lengths are damaged (30 bytes)")).isEqualTo(1);
		MethodStatistics statistics = engine.statistics().of(POINT);
		assertThat(statistics.errors()).isEqualTo(40);
		assertThat(statistics.misses()).isEqualTo(40);
		assertThat(this.registry.get(CheckpointingMeters.CALLS)
			.tags(CheckpointingMeters.METHOD_TAG, POINT, CheckpointingMeters.RESULT_TAG, CheckpointingMeters.ERROR)
			.counter()
			.count()).isEqualTo(40);
	}

	@Test
	void entriesThatCannotBeReadAreLoggedOncePerMethodAndCountedEach(CapturedOutput output) throws Throwable {
		EngineCalls calls = new EngineCalls(engine());
		List<Path> entries = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			calls.call(this.results, "point", i);
			Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
			Files.move(entry, entry.resolveSibling(entry.getFileName() + ".kept"));
			entries.add(entry);
		}
		for (Path entry : entries) {
			// A directory where the entry's file should be: opening it works, reading it fails.
			Files.createDirectories(entry);
		}
		CheckpointEngine engine = engine();
		calls = new EngineCalls(engine);
		for (int i = 0; i < 3; i++) {
			assertThat(calls.call(this.results, "point", i)).isEqualTo(new Results.Point(i, -i));
		}
		assertThat(occurrences(output.toString(), "Cannot read a stored result of " + POINT)).isEqualTo(1);
		assertThat(engine.statistics().of(POINT).errors()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aDamagedEntryUnderRaiseThrowsNamingTheKeyAndIsDeleted() throws Throwable {
		new EngineCalls(engine()).call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		Files.write(entry, new byte[0]);
		assertThatExceptionOfType(CheckpointException.class)
			.isThrownBy(() -> new EngineCalls(engine(OnError.RAISE, "json")).call(this.results, "point", 7))
			.withMessageContaining("for key ")
			.withMessageContaining("is unusable and was deleted: it is not a checkpoint entry");
		assertThat(entry).doesNotExist();
	}

	@ParameterizedTest
	@ValueSource(strings = { "json", "java" })
	void aDamagedEntryUnderIgnoreIsRecomputedSilentlyAndCounted(String serializer, CapturedOutput output) throws Throwable {
		new EngineCalls(engine(OnError.WARN, serializer)).call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		Files.write(entry, Arrays.copyOf(Files.readAllBytes(entry), 40));
		CheckpointEngine engine = engine(OnError.IGNORE, serializer);
		assertThat(new EngineCalls(engine).call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(engine.statistics().of(POINT).errors()).isEqualTo(1);
		assertThat(output).doesNotContain("unusable");
	}

	/**
	 * Stores {@code point(7)}, damages its entry, and calls again with a new engine, as a later
	 * run of the application would.
	 */
	private void assertRecomputedAndRewritten(UnaryOperator<byte[]> damage, CapturedOutput output, String reason)
			throws Throwable {
		new EngineCalls(engine()).call(this.results, "point", 7);
		Path entry = PlantedEntries.entryFileOf(this.directory, POINT);
		byte[] damaged = damage.apply(Files.readAllBytes(entry));
		Files.write(entry, damaged);
		CheckpointEngine engine = engine();
		EngineCalls calls = new EngineCalls(engine);
		assertThat(calls.call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(this.results.runs).as("the method ran again").hasValue(2);
		assertThat(EntryFormat.decode(ByteBuffer.wrap(Files.readAllBytes(entry)), PlantedEntries.keyOf(entry)).header().methodName())
			.as("an intact entry replaced the damaged one").isEqualTo(POINT);
		assertThat(calls.call(this.results, "point", 7)).isEqualTo(new Results.Point(7, -7));
		assertThat(this.results.runs).as("the rewritten entry hits").hasValue(2);
		MethodStatistics statistics = engine.statistics().of(POINT);
		assertThat(statistics.errors()).isEqualTo(1);
		assertThat(statistics.misses()).isEqualTo(1);
		assertThat(statistics.hits()).isEqualTo(1);
		assertThat(this.registry.get(CheckpointingMeters.CALLS)
			.tags(CheckpointingMeters.METHOD_TAG, POINT, CheckpointingMeters.RESULT_TAG, CheckpointingMeters.ERROR)
			.counter()
			.count()).isEqualTo(1);
		assertThat(warnings(output, reason)).isEqualTo(1);
	}

	private static int occurrences(String text, String part) {
		return text.split(Pattern.quote(part), -1).length - 1;
	}

	/** Counts the warnings about a reason: only the warning says the entry is rewritten, not its DEBUG line. */
	private static int warnings(CapturedOutput output, String reason) {
		Matcher matcher = Pattern.compile("is unusable and was deleted: " + Pattern.quote(reason) + "[^\\n]*rewritten")
			.matcher(output.toString());
		int count = 0;
		while (matcher.find()) {
			count++;
		}
		return count;
	}

}
