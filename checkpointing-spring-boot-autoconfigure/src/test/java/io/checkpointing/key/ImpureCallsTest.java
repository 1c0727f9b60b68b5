package io.checkpointing.key;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import io.checkpointing.key.ImpureCalls.ImpureCall;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The calls a method's reached code makes whose results no key can see, found from what the walk
 * saw, and what acknowledging them leaves out.
 */
class ImpureCallsTest {

	private final CodeFingerprinter fingerprinter = new CodeFingerprinter(
			CodeScope.transitive(List.of("io.checkpointing.key")));

	@Test
	void acknowledgementsNamingNeitherAKindNorACallAreReported() {
		assertThat(ImpureCalls.unknownAcknowledgements(
				List.of("clock", "database", "java.lang.System#nanoTime", "java.util.Random#<init>", "clok", "nanoTime", "")))
			.containsExactly("clok", "nanoTime", "");
	}

	@Test
	void theClockIsFoundWithWhereItIsRead() throws Exception {
		List<ImpureCall> calls = impure("readsTheClock", List.of());
		assertThat(calls).extracting(ImpureCall::kind).containsExactly("clock", "clock");
		assertThat(calls.get(0).describe()).startsWith("java.lang.System#currentTimeMillis from io.checkpointing.key.ImpureCallsTest$Subjects line ");
	}

	@Test
	void unseededRandomnessIsFoundAndASeededRandomIsNot() throws Exception {
		assertThat(impure("drawsUnseeded", List.of())).extracting((call) -> call.call().owner() + "#" + call.call().name())
			.containsExactly("java/util/Random#<init>", "java/util/UUID#randomUUID", "java/lang/Math#random");
		assertThat(impure("drawsSeeded", List.of())).isEmpty();
	}

	@Test
	void aFileReadByPathIsFoundInAHelper() throws Exception {
		assertThat(impure("readsAFileThroughAHelper", List.of())).singleElement()
			.satisfies((call) -> assertThat(call.kind()).isEqualTo("file"))
			.satisfies((call) -> assertThat(call.call().callingClass()).endsWith("$Files"));
	}

	@Test
	void acknowledgedKindsAndCallsAreLeftOut() throws Exception {
		assertThat(impure("readsTheClock", List.of("clock"))).isEmpty();
		assertThat(impure("readsTheClock", List.of("java.lang.System#currentTimeMillis"))).extracting(
				(call) -> call.call().name())
			.containsExactly("now");
	}

	@Test
	void pureCodeHasNone() throws Exception {
		assertThat(impure("pure", List.of())).isEmpty();
	}

	private List<ImpureCall> impure(String name, List<String> acknowledged) throws NoSuchMethodException {
		return ImpureCalls.in(this.fingerprinter.codeOf(Subjects.class.getMethod(name)), acknowledged);
	}

	static final class Files {

		static String read(Path path) throws IOException {
			return java.nio.file.Files.readString(path);
		}

	}

	public static class Subjects {

		public long readsTheClock() {
			long millis = System.currentTimeMillis();
			return millis + Instant.now().getNano();
		}

		public String drawsUnseeded() {
			return new Random().nextInt() + UUID.randomUUID().toString() + Math.random();
		}

		public int drawsSeeded() {
			return new Random(42).nextInt();
		}

		public String readsAFileThroughAHelper() throws IOException {
			return Files.read(Path.of("data.csv"));
		}

		public int pure() {
			return Math.max(1, 2);
		}

	}

}
